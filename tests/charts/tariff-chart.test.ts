import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyFile } from '../../src/render/reply.js';
import { SEED_FILE, seededBot, type TestBot } from '../helpers/bot.js';
import { lookAt } from '../helpers/png.js';

type Edge = { at: string } | { date: string; timeZone?: string };
const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as {
  measures: {
    imposing: string;
    targets: 'all' | string[];
    coverage: string;
    rate: { percent?: number };
    from?: Edge;
    until?: Edge;
  }[];
};

/** Midnight in New York of a date, with the offset of that season (EDT from March to early November). */
function nyMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dst = (m > 3 && m < 11) || (m === 3 && d >= 9) || (m === 11 && d < 2);
  return Date.UTC(y, m - 1, d, dst ? 4 : 5);
}
const edgeMs = (e: Edge): number => ('at' in e ? Date.parse(e.at) : nyMidnight(e.date));

/** The oracle: the across-the-board US rate on goods from `country` at an instant, summed straight from the seed file. */
function seedTotal(country: string, iso: string): number {
  const t = Date.parse(iso);
  return seed.measures
    .filter((m) => m.imposing === 'US' && m.coverage === 'all-goods' && m.rate.percent !== undefined)
    .filter((m) => (m.targets === 'all' ? country !== 'US' : m.targets.includes(country)))
    .filter((m) => m.from !== undefined && edgeMs(m.from) <= t && (!m.until || t < edgeMs(m.until)))
    .reduce((sum, m) => sum + (m.rate.percent ?? 0), 0);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The total the reply's "Step by step" list gives for a date: the last step on or before it. */
function totalFromText(text: string, iso: string): number | undefined {
  const section = text.split('Step by step\n')[1]?.split('\n\n')[0] ?? '';
  let found: number | undefined;
  for (const line of section.split('\n')) {
    const m = /• \w{3} (\d{1,2}) (\w{3}) (\d{4}) — ([\d.]+)%/.exec(line);
    if (!m) continue;
    const day = Date.UTC(Number(m[3]), MONTHS.indexOf(m[2] as string), Number(m[1]));
    if (day <= Date.parse(iso)) found = Number(m[4]);
  }
  return found;
}

const png = (files: readonly ReplyFile[] | undefined) => files?.find((f) => f.mime === 'image/png');

describe('chart tariffs draws the across-the-board US tariff as a step chart', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('gives a PNG of at least 800x400 with ink and several colours', async () => {
    const reply = await t.ask('chart tariffs CN');
    const file = png(reply.files);
    expect(file?.name).toBe('tariffs-CN.png');
    const look = lookAt(file?.bytes ?? new Uint8Array());
    expect(look.width).toBeGreaterThanOrEqual(800);
    expect(look.height).toBeGreaterThanOrEqual(400);
    expect(look.inked).toBeGreaterThan(0.05);
    // Four bands, today's line, marks, text: well above a two-colour picture.
    expect(look.colours).toBeGreaterThanOrEqual(6);
  });

  it('the steps behind it match the seed: 145% in mid-April 2025, 30% after Geneva, 10% in March 2026', async () => {
    const text = await t.say('chart tariffs CN');
    const dates = [
      '2025-04-15T12:00:00Z',
      '2025-06-01T12:00:00Z',
      '2026-03-05T12:00:00Z',
      '2025-02-10T12:00:00Z',
    ];
    expect(dates.map((d) => seedTotal('CN', d))).toEqual([145, 30, 10, 10]);
    for (const d of dates) expect(totalFromText(text, d)).toBe(seedTotal('CN', d));
    expect(text).toContain('— 145% (IEEPA fentanyl 20% + IEEPA reciprocal 125%)');
    expect(text).toContain('Tue 24 Feb 2026 — 10% (Section 122 10%)');
  });

  it('marks Geneva, Busan and the Supreme Court ruling, read from the store', async () => {
    const text = await t.say('chart tariffs CN');
    const marked = text.split('Marked on the chart\n')[1]?.split('\n\n')[0] ?? '';
    expect(marked.match(/`[a-z0-9-]+`/g)).toEqual([
      '`geneva-talks-2025`',
      '`busan-summit-2025`',
      '`scotus-ieepa-ruling`',
    ]);
    // An editor's edit moves the mark: the chart reads the store, not a list in the code.
    await t.ask('edit busan-summit-2025 status:cancelled');
    const after = await t.say('chart tariffs CN');
    expect(after).not.toContain('`busan-summit-2025`');
  });

  it('lists product-specific measures beside the chart, never in the total', async () => {
    const text = await t.say('chart tariffs CN');
    const products = text.split('(not in the total)\n')[1] ?? '';
    expect(products).toContain('`section-301-evs`');
    expect(products).toContain('100% — Section 301 tariff on Chinese electric vehicles');
    expect(text).toMatch(/Across the board: 145% at the peak, 10% on 12 Mar 2026/);
  });

  it('a window without an across-the-board tariff says so in words and draws nothing', async () => {
    const us = await t.ask('chart tariffs US');
    expect(us.files ?? []).toEqual([]);
    expect(await t.say('chart tariffs US')).toContain(
      'No across-the-board US tariff on goods from the United States was in force between',
    );
    const early = await t.ask('chart tariffs CN from:2024-01-01 to:2024-12-31');
    expect(early.files ?? []).toEqual([]);
    expect(await t.say('chart tariffs CN from:2024-01-01 to:2024-12-31')).toContain(
      'so there is nothing to draw',
    );
  });

  it('from: and to: narrow the window', async () => {
    const text = await t.say('chart tariffs china from:2025-04-01 to:2025-06-30');
    expect(text.split('\n')[0]).toBe('US tariff on all goods from China, 1 Apr 2025 – 30 Jun 2025');
    expect(text).not.toContain('Section 122');
  });

  it('bad options get one clear line naming the option', async () => {
    const cases: [string, RegExp][] = [
      ['chart pie', /`type` must be one of `tariffs`, `timeline`/],
      ['chart tariffs CN days:30', /`days` goes with `chart timeline`/],
      ['chart tariffs CN from:2026-01-01 to:2025-01-01', /`from` must be before `to`/],
      ['chart tariffs CN,JP', /`country` must be one country for `chart tariffs`/],
      ['chart tariffs narnia', /`country` must be countries as ISO codes or names/],
    ];
    for (const [line, message] of cases) {
      const reply = await t.ask(line);
      expect(reply.tone, line).toBe('error');
      expect(await t.say(line)).toMatch(message);
      expect(reply.files ?? []).toEqual([]);
    }
  });
});
