import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editor, seededBot } from '../helpers/bot.js';

const bullets = (out: string) => out.split('\n').filter((l) => l.startsWith('  • '));

describe('long lists come a page at a time', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-11-09T12:00:00Z');
  });
  afterAll(() => t.close());

  it('every page of `events all` follows the one before, and together they list each item once', async () => {
    const first = await t.say('events all');
    const pages = Number(/Page 1 of (\d+) — `\/trade events when:all page:2`/.exec(first)?.[1]);
    expect(pages).toBeGreaterThan(5);
    expect(first).not.toMatch(/and \d+ more/);
    const seen: string[] = [];
    for (let n = 1; n <= pages; n++) {
      const out = n === 1 ? first : await t.say(`events when:all page:${n}`);
      const lines = bullets(out);
      expect(lines.length).toBe(n < pages ? 15 : lines.length);
      expect(out).toContain(n < pages ? `Page ${n} of ${pages} — ` : `Page ${pages} of ${pages}.`);
      seen.push(...lines.map((l) => /`([a-z0-9-]+)`$/.exec(l)?.[1] ?? l));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(15 * (pages - 1));
  });

  it('the hint repeats the search, quoted, so the next page is of the same list', async () => {
    const out = await t.say('events "section 301" country:CN');
    const next = /`\/trade (events [^`]+ page:2)`/.exec(out)?.[1];
    expect(next).toBe('events text:"section 301" country:CN page:2');
    const page2 = await t.say(next as string);
    expect(page2.split('\n')[0]).toBe('Events — all dates · “section 301” · CN');
    const onFirst = new Set(bullets(out));
    expect(bullets(page2).length).toBeGreaterThan(0);
    expect(bullets(page2).filter((l) => onFirst.has(l))).toEqual([]);
  });

  it('a page past the end shows the last page', async () => {
    const out = await t.say('events when:all page:999');
    expect(out).toMatch(/Page (\d+) of \1\./);
  });

  it('an editor’s schedule of many channels is paged too', async () => {
    for (const id of ['C1', 'C2', 'C3', 'C4'])
      await t.bot.dispatch('subscribe time:08:00 zone:UTC', editor, { platform: 'slack', id });
    const out = await t.say('schedule days:10');
    expect(out).toMatch(/Page 1 of \d+ — `\/trade schedule days:10 page:2`/);
    expect(bullets(out)).toHaveLength(15);
    const page2 = await t.say('schedule days:10 page:2');
    expect(bullets(page2)[0]).not.toBe(bullets(out)[0]);
  });
});
