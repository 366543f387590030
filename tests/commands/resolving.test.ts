import { afterEach, describe, expect, it } from 'vitest';
import { seededBot } from '../helpers/bot.js';

describe('finding the item a user names', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('`countdown truce` the day before the Busan truce ends answers with that truce, not a 2025 one', async () => {
    const t = await seededBot('2026-11-09T12:00:00Z');
    close = t.close;
    // The truce ends 2026-11-10 05:01Z (00:01 EST): 17 hours 1 minute after noon UTC on the 9th.
    const out = await t.say('countdown truce');
    expect(out.split('\n')[0]).toBe('End of the one-year Busan truce: in 17 hours 1 minute');
    expect(out).toContain('`busan-truce-expiry`');
    const details = await t.say('event truce');
    expect(details.split('\n')[0]).toBe('End of the one-year Busan truce');
    expect(details).toContain('id: busan-truce-expiry');
  });

  it('words of a title outrank the start of an id', async () => {
    const t = await seededBot('2026-11-09T12:00:00Z');
    close = t.close;
    // "truce" starts the id truce-expiry-2025-11, but is a whole word of the Busan truce's title.
    const out = await t.say('event truce');
    expect(out).not.toContain('truce-expiry-2025-11');
  });

  it('several upcoming items that match equally are offered, soonest first, and nothing is guessed', async () => {
    const t = await seededBot('2025-06-01T12:00:00Z');
    close = t.close;
    const reply = await t.ask('countdown truce');
    expect(reply.tone).toBe('error');
    const out = await t.say('countdown truce');
    expect(out).toContain('Did you mean: `first-truce-extension-2025`');
    // Upcoming on 1 June 2025, in date order: 11 Aug 2025, 12 Aug 2025, 10 Nov 2025, 10 Nov 2026.
    const order = [
      'first-truce-extension-2025',
      'geneva-truce-expiry-2025-08',
      'truce-expiry-2025-11',
      'busan-truce-expiry',
    ].map((id) => out.indexOf(`\`${id}\``));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('a misspelt name is answered with the items it probably meant', async () => {
    const t = await seededBot('2026-11-09T12:00:00Z');
    close = t.close;
    const out = await t.say('event trcue');
    expect(out).toContain('Did you mean: `busan-truce-expiry` (End of the one-year Busan truce');
  });
});
