import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBot, type TestBot } from '../helpers/bot.js';

/**
 * A measure's line and an item's date, title and id are built once per stored item and shared by every answer
 * that lists it: an edit shows at once, in every list, and the pending note follows the clock.
 */
describe('lines built once per item', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  const ADD =
    'add-measure title:"IEEPA tariff on kites" authority:ieepa rate:25% imposing:US targets:CN from:2026-03-20 coverage:some-goods scope:"Kites" source:https://www.federalregister.gov/d/2026-00002 confidence:confirmed status:announced';

  it('a measure line shows an edit at once, and its pending note only once the date has passed', async () => {
    expect(await t.say(ADD)).toContain('Added IEEPA tariff on kites');
    t.clock.set(Date.parse('2026-03-21T12:00:00Z'));
    const line = (s: string) => s.split('\n').find((l) => l.includes('tariff on kites')) ?? '';
    const first = line(await t.say('tariffs CN'));
    expect(first).toBe(
      '  • 25% — IEEPA tariff on kites · since Fri 20 Mar 2026 · ⚠ date passed, outcome not recorded · source <https://www.federalregister.gov/d/2026-00002> · `ieepa-tariff-on-kites`',
    );
    expect(await t.say('edit ieepa-tariff-on-kites rate:30% status:in-force')).toContain('Changed');
    expect(line(await t.say('tariffs CN'))).toBe(
      '  • 30% — IEEPA tariff on kites · since Fri 20 Mar 2026 · source <https://www.federalregister.gov/d/2026-00002> · `ieepa-tariff-on-kites`',
    );
    // The same measure asked for again, unchanged, reads the same.
    expect(line(await t.say('tariffs CN'))).toBe(line(await t.say('tariffs china')));
  });

  it('an event line shows a new title at once, in every list that shows it', async () => {
    t.clock.set(Date.parse('2026-03-12T09:00:00Z'));
    const before = await t.say('events');
    expect(before).toContain('paris-talks-2026');
    const old = before.split('\n').find((l) => l.includes('`paris-talks-2026`')) ?? '';
    const title = /— (.*?) ·/.exec(old)?.[1] ?? '';
    expect(title.length).toBeGreaterThan(0);
    expect(await t.say('edit paris-talks-2026 title:"Paris talks, renamed"')).toContain('Changed: title');
    for (const command of ['events', 'brief', 'events paris']) {
      const out = await t.say(command);
      const line = out.split('\n').find((l) => l.includes('`paris-talks-2026`')) ?? '';
      expect(line, command).toContain('Paris talks, renamed');
      expect(line, command).not.toContain(title);
    }
  });
});
