import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_FILE, seededBot } from '../helpers/bot.js';

const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as {
  measures: { id: string; confidence: string; imposing: string; rate: { percent?: number } }[];
};
const measure = (id: string) => seed.measures.find((m) => m.id === id);

describe('tariffs and the brief say whose duty, on whose goods, and how sure', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    // After 24 Jul 2026 the only across-the-board US duty on China is the forced-labor Section 301 tariff.
    t = await seededBot('2026-11-09T12:00:00Z');
  });
  afterAll(() => t.close());

  it('the brief keeps the ⚠ unverified mark on an across-the-board rate that rests on an unverified measure', async () => {
    expect(measure('forced-labor-301-cn')).toMatchObject({
      confidence: 'unverified',
      rate: { percent: 12.5 },
    });
    const out = await t.say('brief');
    expect(out).toContain('• 12.5% across the board on goods from China (Section 301 12.5% ⚠ unverified)');
  });

  it('the brief counts product-specific measures as measures, not as a rate', async () => {
    const out = await t.say('brief');
    expect(out).toMatch(/Product-specific measures: \d+ Section 301 measures, \d+ Section 232 measures · /);
    expect(out).not.toMatch(/Section 301 \d+,/);
  });

  it('`tariffs US` says the duties are China’s, on goods from the United States', async () => {
    expect(measure('cn-retaliatory-tariff-10')?.imposing).toBe('CN');
    const out = await t.say('tariffs US');
    expect(out.split('\n')[0]).toBe('China’s tariffs on goods from the United States'.replace('’', "'"));
    expect(out).toContain('10% across the board on goods from the United States');
  });

  it('`tariffs CN` says the duties are US ones, on goods from China', async () => {
    expect((await t.say('tariffs CN')).split('\n')[0]).toBe('US tariffs on goods from China');
  });

  it('countries can be named, in any case, or by a common alias', async () => {
    const china = await t.say('tariffs CN');
    for (const name of ['china', 'China', 'PRC', 'cn', 'country:china'])
      expect(await t.say(`tariffs ${name}`)).toBe(china);
    const us = await t.say('tariffs US');
    for (const name of ['usa', 'us', 'united states', 'United States', 'country:"united states"'])
      expect(await t.say(`tariffs ${name}`)).toBe(us);
    expect(await t.say('tariffs eu')).toContain('goods from the European Union');
    const wrong = await t.ask('tariffs narnia');
    expect(wrong.tone).toBe('error');
    expect(await t.say('tariffs narnia')).toContain('(not narnia)');
  });
});
