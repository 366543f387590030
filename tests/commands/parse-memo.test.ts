import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PARSED_TEXT, MAX_PARSES } from '../../src/commands/registry.js';
import { seededBot } from '../helpers/bot.js';

/** Kept parses (Registry.parseText): what a second run of the same text finds must be what a fresh parse finds. */
describe('parses kept by zone and text', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  const from = (text: string, zone: string) => {
    const parsed = t.bot.registry.parseText(text, zone);
    if (!parsed.ok) throw new Error(`refused: ${parsed.reply.title}`);
    return parsed;
  };

  it('the same text in two zones keeps each its own times, and a second ask gets the same frozen parse', () => {
    const text = 'chart tariffs from:2025-01-01T09:00 to:2025-06-01';
    const utc = from(text, 'UTC');
    const ny = from(text, 'America/New_York');
    expect((utc.values.from as { ms: number }).ms).toBe(Date.UTC(2025, 0, 1, 9));
    // 09:00 in New York in January is 14:00 UTC (EST, UTC-5).
    expect((ny.values.from as { ms: number }).ms).toBe(Date.UTC(2025, 0, 1, 14));
    expect(from(text, 'UTC')).toBe(utc);
    expect(from(text, 'America/New_York')).toBe(ny);
    expect(Object.isFrozen(utc.values)).toBe(true);
    expect(Object.isFrozen(utc.values.from)).toBe(true);
  });

  it('commands that change something, refusals and long texts are parsed afresh every time', () => {
    const add = 'add title:"Kite talks" start:2026-04-01 source:https://example.gov/kites';
    const first = from(add, 'UTC');
    expect(from(add, 'UTC')).not.toBe(first);
    expect(Object.isFrozen(first.values)).toBe(false);
    const wrong = t.bot.registry.parseText('deadlines days:abc', 'UTC');
    expect(wrong.ok).toBe(false);
    expect(t.bot.registry.parseText('deadlines days:abc', 'UTC')).not.toBe(wrong);
    const long = `events when:past days:30${' '.repeat(MAX_PARSED_TEXT)}`;
    expect(from(long, 'UTC')).not.toBe(from(long, 'UTC'));
  });

  it('a reading command answers the same on a kept, frozen parse as on a parse never kept', async () => {
    // A text over MAX_PARSED_TEXT (trailing spaces, which the lexer ignores) is parsed afresh, its values not frozen.
    const pad = ' '.repeat(MAX_PARSED_TEXT + 1);
    for (const text of [
      'brief',
      'deadlines days:90',
      'events when:past days:60',
      'event paris-talks-2026',
      'tariffs country:US',
      'events country:CN,US kind:summit',
    ]) {
      const kept = await t.say(text);
      expect(await t.say(text)).toBe(kept);
      expect(await t.say(`${text}${pad}`)).toBe(kept);
      expect(kept).not.toContain('went wrong');
      expect(kept.startsWith('✖')).toBe(false);
    }
  });

  it('holds at most MAX_PARSES, the oldest let go first: a parse let go is made afresh', () => {
    const kept = from('events days:7', 'UTC');
    const flood = (i: number) =>
      from(`events days:${(i % 365) + 1}`, `Etc/GMT${i % 2 ? '+' : '-'}${(i % 12) + 1}`);
    let early: ReturnType<typeof from> | undefined;
    for (let i = 0; i < MAX_PARSES; i++) {
      const parsed = flood(i);
      if (i === 100) early = parsed;
    }
    const again = from('events days:7', 'UTC');
    expect(again).not.toBe(kept);
    expect(again.values).toEqual(kept.values);
    // Only the oldest went: one of the flood's early parses is still the one kept (emptying it all when full would
    // have let it go with the rest).
    expect(flood(100)).toBe(early);
  });
});
