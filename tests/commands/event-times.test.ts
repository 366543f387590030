import { afterEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text.js';
import { reader, seededBot } from '../helpers/bot.js';

describe('event times: where it happens and where the reader is', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('the truce expiry shows 00:01 EST in New York and the same instant in the reader’s zone', async () => {
    const t = await seededBot('2026-11-09T12:00:00Z');
    close = t.close;
    // 00:01 EST (UTC-5) on 10 Nov 2026 is 05:01 UTC and 14:01 in Tokyo (UTC+9).
    const reply = await t.ask('event busan-truce-expiry', reader);
    expect(renderText(reply, { zone: 'UTC' })).toContain(
      'When: Tue 10 Nov 2026, 00:01 EST in America/New_York (Tue 10 Nov 2026, 05:01 UTC in your zone)',
    );
    expect(renderText(reply, { zone: 'Asia/Tokyo' })).toMatch(
      /When: Tue 10 Nov 2026, 00:01 EST in America\/New_York \(Tue 10 Nov 2026, 14:01 [^)]+ in your zone\)/,
    );
  });

  it('a zone typed as est is kept as EST, not "Est", in the event and in a subscription', async () => {
    const t = await seededBot('2026-11-09T12:00:00Z');
    close = t.close;
    await t.say('add title:"Zone check talks" start:"2026-12-03 10:00 est" source:https://example.org/e');
    const out = await t.say('event zone-check-talks');
    // EST is a fixed UTC-5 zone: 10:00 EST is 15:00 UTC.
    expect(out).toContain('Thu 3 Dec 2026, 10:00 EST in EST (Thu 3 Dec 2026, 15:00 UTC in your zone)');
    expect(out).not.toMatch(/Est\b/);
    const sub = await t.say('subscribe zone:est time:08:00');
    expect(sub).toContain('Daily digest: 08:00 EST');
  });
});
