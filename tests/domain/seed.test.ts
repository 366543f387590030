import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TradeEvent } from '../../src/domain/event.js';
import type { TariffMeasure } from '../../src/domain/measure.js';
import type { Moment } from '../../src/domain/primitives.js';
import { SeedData } from '../../src/store/schema.js';

const raw: unknown = JSON.parse(readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8'));

function loadSeed(): SeedData {
  const parsed = SeedData.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`data/seed.json does not match SeedData:\n${issues}`);
  }
  return parsed.data;
}

/** Offset of `zone` from UTC at instant `ms`, in milliseconds. */
function zoneOffsetMs(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Midnight at the start of `date` in `zone` (UTC when no zone), as epoch ms. */
function startOfDay(date: string, zone = 'UTC'): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, zone), zone);
}

/** First instant a moment covers. */
function momentStart(m: Moment): number {
  return 'at' in m ? Date.parse(m.at) : startOfDay(m.date, m.timeZone);
}

/** Last instant a moment covers (exclusive end of an all-day moment). */
function momentEnd(m: Moment): number {
  return 'at' in m ? Date.parse(m.at) : startOfDay(m.date, m.timeZone) + 24 * 60 * 60 * 1000;
}

/** True when the measure is in force at `ms`: from <= ms < until; never without `from` or while only announced. */
function inForceAt(m: TariffMeasure, ms: number): boolean {
  if (m.from === undefined || m.status === 'announced') return false;
  if (momentStart(m.from) > ms) return false;
  return m.until === undefined || ms < momentStart(m.until);
}

/** Headline US stack on China at an instant: all-goods percent measures by the US on CN (or all). */
function usAllGoodsOnChina(seed: SeedData, iso: string): number {
  const ms = Date.parse(iso);
  return seed.measures
    .filter((m) => m.imposing === 'US' && m.coverage === 'all-goods')
    .filter((m) => m.targets === 'all' || m.targets.includes('CN'))
    .filter((m) => inForceAt(m, ms))
    .reduce((sum, m) => sum + ('percent' in m.rate ? m.rate.percent : 0), 0);
}

describe('data/seed.json', () => {
  const seed = loadSeed();
  const items: Array<TradeEvent | TariffMeasure> = [...seed.events, ...seed.measures];
  const event = (id: string): TradeEvent => {
    const found = seed.events.find((e) => e.id === id);
    if (!found) throw new Error(`missing event ${id}`);
    return found;
  };
  const measure = (id: string): TariffMeasure => {
    const found = seed.measures.find((m) => m.id === id);
    if (!found) throw new Error(`missing measure ${id}`);
    return found;
  };

  it('parses with the SeedData schema', () => {
    expect(() => loadSeed()).not.toThrow();
  });

  it('has ids unique across events and measures', () => {
    const ids = items.map((i) => i.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('has at least 30 events and 15 measures', () => {
    expect(seed.events.length).toBeGreaterThanOrEqual(30);
    expect(seed.measures.length).toBeGreaterThanOrEqual(15);
  });

  it('gives every item at least one source with an http(s) URL', () => {
    for (const item of items) {
      expect(item.sources.length, item.id).toBeGreaterThanOrEqual(1);
      for (const s of item.sources) {
        expect(s.url, item.id).toMatch(/^https?:\/\//);
        expect(s.title.trim().length, item.id).toBeGreaterThan(0);
      }
    }
  });

  it('never labels as confirmed an item whose summary says it is unverified', () => {
    const offenders = items
      .filter((i) => /unverified/i.test(i.summary ?? ''))
      .filter((i) => i.confidence !== 'unverified' && i.confidence !== 'reported')
      .map((i) => i.id);
    expect(offenders).toEqual([]);
  });

  it('never has an event end before its start', () => {
    for (const e of seed.events) {
      if (!e.end) continue;
      expect(momentEnd(e.end), e.id).toBeGreaterThanOrEqual(momentStart(e.start));
      if ('date' in e.start && 'date' in e.end) expect(e.end.date >= e.start.date, e.id).toBe(true);
      if ('at' in e.start && 'at' in e.end)
        expect(Date.parse(e.end.at), e.id).toBeGreaterThanOrEqual(Date.parse(e.start.at));
    }
  });

  it('never has a measure stop before it starts', () => {
    for (const m of seed.measures) {
      if (!m.from || !m.until) continue;
      expect(momentStart(m.until), m.id).toBeGreaterThan(momentStart(m.from));
    }
  });

  describe('required items', () => {
    it('paris-talks-2026: OECD meeting on 15-16 March 2026, Paris time', () => {
      const e = event('paris-talks-2026');
      expect(e.kind).toBe('meeting');
      expect(e.status).toBe('held');
      expect(e.location).toBe('OECD headquarters, Paris');
      expect(e.start).toEqual({ date: '2026-03-15', timeZone: 'Europe/Paris' });
      expect(e.end).toEqual({ date: '2026-03-16', timeZone: 'Europe/Paris' });
      expect(e.countries).toEqual(expect.arrayContaining(['US', 'CN']));
      expect(e.participants).toEqual(
        expect.arrayContaining(['Scott Bessent', 'Jamieson Greer', 'He Lifeng', 'Li Chenggang']),
      );
    });

    it('beijing-summit-2026: held 14-15 May 2026, mentions the postponed original dates', () => {
      const e = event('beijing-summit-2026');
      expect(e.kind).toBe('summit');
      expect(e.status).toBe('held');
      expect(e.start).toEqual({ date: '2026-05-14', timeZone: 'Asia/Shanghai' });
      expect(e.end).toEqual({ date: '2026-05-15', timeZone: 'Asia/Shanghai' });
      expect(e.participants).toEqual(expect.arrayContaining(['Donald Trump', 'Xi Jinping']));
      expect(e.summary).toMatch(/31 March/);
      expect(e.summary).toMatch(/postponed/i);
    });

    it('beijing-summit-postponement: the originally planned 31 March - 2 April dates', () => {
      const e = event('beijing-summit-postponement');
      expect(e.kind).toBe('summit');
      expect(e.status).toBe('postponed');
      expect(e.start).toEqual({ date: '2026-03-31', timeZone: 'Asia/Shanghai' });
      expect(e.end).toEqual({ date: '2026-04-02', timeZone: 'Asia/Shanghai' });
    });

    it('busan-truce-expiry: 2026-11-10 00:01 EST, outcome unverified', () => {
      const e = event('busan-truce-expiry');
      expect(e.kind).toBe('deadline');
      expect(e.status).toBe('unknown-outcome');
      expect(e.confidence).toBe('unverified');
      expect(e.start).toEqual({ at: '2026-11-10T05:01:00Z', timeZone: 'America/New_York' });
      expect(e.summary).toMatch(/EO 14358/);
      expect(e.summary).toMatch(/unverified/i);
    });

    it('section-122-surcharge: 10% on all goods from 2026-02-24 00:01 EST to 2026-07-24 00:01 EDT', () => {
      const m = measure('section-122-surcharge');
      expect(m.imposing).toBe('US');
      expect(m.targets).toBe('all');
      expect(m.authority).toBe('section-122');
      expect(m.rate).toEqual({ percent: 10 });
      expect(m.coverage).toBe('all-goods');
      expect(m.from).toEqual({ at: '2026-02-24T05:01:00Z', timeZone: 'America/New_York' });
      expect(m.until).toEqual({ at: '2026-07-24T04:01:00Z', timeZone: 'America/New_York' });
      expect(m.status).toBe('expired');
      expect(m.summary).toMatch(/15%/);
      expect(m.summary).toMatch(/Budget Lab/);
    });

    it('section-301-excess-capacity-investigation: 2026-03-11, the US and 16 economies', () => {
      const e = event('section-301-excess-capacity-investigation');
      expect(e.kind).toBe('investigation');
      expect(e.start).toEqual({ date: '2026-03-11', timeZone: 'America/New_York' });
      expect([...e.countries].sort()).toEqual(
        [
          'US',
          'CN',
          'EU',
          'SG',
          'CH',
          'NO',
          'ID',
          'MY',
          'KH',
          'TH',
          'KR',
          'VN',
          'TW',
          'BD',
          'MX',
          'JP',
          'IN',
        ].sort(),
      );
      expect(e.confidence).toBe('unverified');
      expect(e.summary).toMatch(/outcome unverified/i);
    });
  });

  describe('items the first data set missed (facts file, section E)', () => {
    it("cn-retaliatory-suspended-24: China's own 24% stays suspended, never collected, reported", () => {
      const m = measure('cn-retaliatory-suspended-24');
      expect([m.imposing, m.targets, m.rate, m.status]).toEqual(['CN', ['US'], { percent: 24 }, 'suspended']);
      expect(m.from).toBeUndefined();
      expect(m.confidence).toBe('reported');
    });

    it("cn-tariff-exclusions-expiry-2026: China's exclusions run to 31 December 2026", () => {
      const e = event('cn-tariff-exclusions-expiry-2026');
      expect(e.start).toEqual({ date: '2026-12-31', timeZone: 'Asia/Shanghai' });
      expect(e.status).toBe('scheduled');
      expect(e.confidence).toBe('reported');
    });

    it('bis-affiliates-suspension-expiry: the affiliates-rule suspension ends 10 November 2026', () => {
      expect(event('bis-affiliates-suspension-expiry').start).toEqual({
        date: '2026-11-10',
        timeZone: 'America/New_York',
      });
      expect(measure('bis-affiliates-rule').status).toBe('suspended');
    });

    it.each([
      ['trump-xi-call-2025-09', '2025-09-19'],
      ['trump-xi-call-2025-11', '2025-11-24'],
    ])("%s: a leaders' call held on %s", (id, date) => {
      const e = event(id);
      expect([e.kind, e.status, 'date' in e.start && e.start.date]).toEqual(['call', 'held', date]);
      expect(e.confidence).toBe('reported');
    });
  });

  describe('headline US all-goods stack on China', () => {
    it.each([
      ['2025-04-20T12:00:00Z', 145],
      ['2025-06-01T12:00:00Z', 30],
      ['2025-11-15T12:00:00Z', 20],
      ['2026-03-01T12:00:00Z', 10],
      ['2026-08-01T12:00:00Z', 12.5],
    ])('at %s is %d%%', (iso, total) => {
      expect(usAllGoodsOnChina(seed, iso)).toBe(total);
    });

    it('drops to zero IEEPA between collection stop and the Sec. 122 start', () => {
      expect(usAllGoodsOnChina(seed, '2026-02-24T05:00:30Z')).toBe(0);
      expect(usAllGoodsOnChina(seed, '2026-02-24T04:59:59Z')).toBe(20);
      expect(usAllGoodsOnChina(seed, '2026-02-24T05:01:00Z')).toBe(10);
    });
  });
});
