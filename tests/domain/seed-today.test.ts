import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { momentEndMs, momentStartMs } from '../../src/domain/moment.js';
import { SeedData } from '../../src/store/schema.js';

const seed = SeedData.parse(
  JSON.parse(readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')),
);

// The facts file's corrections were checked on 2026-12-02 (section E); the seed must read true on that day.
const TODAY = Date.parse('2026-12-02T12:00:00Z');
const FUTURE_STATUSES = new Set(['scheduled', 'tentative']);
const DONE_STATUSES = new Set(['held', 'passed']);

describe('data/seed.json as of 2026-12-02', () => {
  it('has no event still scheduled or tentative after its date has passed', () => {
    const stale = seed.events
      .filter((e) => FUTURE_STATUSES.has(e.status))
      .filter((e) => (e.end ? momentEndMs(e.end) : momentEndMs(e.start)) <= TODAY)
      .map((e) => e.id);
    expect(stale).toEqual([]);
  });

  it('has no event marked held or passed before it happens', () => {
    const early = seed.events
      .filter((e) => DONE_STATUSES.has(e.status))
      .filter((e) => momentStartMs(e.start) > TODAY)
      .map((e) => e.id);
    expect(early).toEqual([]);
  });

  it('has no measure only announced for a date already passed', () => {
    const stale = seed.measures
      .filter((m) => m.status === 'announced' && m.from && momentStartMs(m.from) <= TODAY)
      .map((m) => m.id);
    expect(stale).toEqual([]);
  });

  it('keeps a measure whose end passed with no recorded outcome marked unverified', () => {
    const stale = seed.measures
      .filter((m) => m.status === 'in-force' && m.until && momentStartMs(m.until) <= TODAY)
      .filter((m) => m.confidence !== 'unverified')
      .map((m) => m.id);
    expect(stale).toEqual([]);
  });

  it.each([
    // E: the Ga/Ge/Sb suspension ended Nov 27, 2026; outcome not found.
    'ga-ge-sb-suspension-expiry',
    // Row 38 / D3: the Busan truce ended Nov 10, 2026; outcome not found.
    'busan-truce-expiry',
    // E: the BIS affiliates-rule suspension ran until Nov 10, 2026; outcome not found.
    'bis-affiliates-suspension-expiry',
  ])('%s: date passed, outcome not recorded', (id) => {
    const e = seed.events.find((x) => x.id === id);
    expect(e?.status).toBe('unknown-outcome');
    expect(momentStartMs(e?.start ?? { date: '2100-01-01' })).toBeLessThan(TODAY);
  });

  it('records the extra 100% threat of October 2025 as never in force', () => {
    const m = seed.measures.find((x) => x.id === 'us-extra-100-threat-cn');
    expect(m?.from).toBeUndefined();
    expect(m?.status).toBe('announced');
    expect(m?.confidence).not.toBe('confirmed');
    expect(seed.events.find((x) => x.id === 'us-100-percent-threat-deadline')?.status).toBe('cancelled');
  });
});
