/**
 * Deterministic synthetic data for the benchmarks: N valid TradeEvents (a seeded PRNG, so every run
 * measures the same documents) plus the real seed's events and measures from data/seed.json.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { EVENT_STATUSES, type EventKind, type EventStatus, type TradeEvent } from '../src/domain/event.js';
import type { TariffMeasure } from '../src/domain/measure.js';
import type { Confidence, Moment } from '../src/domain/primitives.js';
import { zoneOffsetMinutes } from '../src/domain/time.js';
import { SeedData } from '../src/store/schema.js';

export const SEED_FILE = new URL('../data/seed.json', import.meta.url).pathname;

/** The fixed PRNG seed: change it only on purpose, since figures are compared across runs. */
export const PRNG_SEED = 0x7ade_b1ef;

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Synthetic events are spread uniformly over [2024-01-01, 2029-01-01). */
const SPAN_FROM = Date.UTC(2024, 0, 1);
const SPAN_TO = Date.UTC(2029, 0, 1);
/** The bench's "now": events before it are mostly held, after it mostly scheduled. */
const PIVOT = Date.parse('2026-03-12T09:00:00Z');

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

/** Picks from `[value, weight]` pairs. */
export function weighted<T>(rng: Rng, pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return (pairs.at(-1) as readonly [T, number])[0];
}

const KIND_WEIGHTS: readonly (readonly [EventKind, number])[] = [
  ['meeting', 25],
  ['summit', 4],
  ['call', 10],
  ['deadline', 12],
  ['tariff-action', 10],
  ['ruling', 6],
  ['investigation', 6],
  ['hearing', 8],
  ['comment-deadline', 9],
  ['other', 10],
];
const COUNTRIES = [
  'US',
  'CN',
  'EU',
  'JP',
  'KR',
  'MX',
  'CA',
  'GB',
  'IN',
  'VN',
  'DE',
  'FR',
  'BR',
  'AU',
  'TW',
] as const;
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Paris',
  'Europe/Zurich',
  'Europe/London',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
] as const;
const PLACES = [
  'Geneva',
  'Paris',
  'Washington',
  'Beijing',
  'Tokyo',
  'Brussels',
  'London',
  'Singapore',
  'Mexico City',
];
const PEOPLE = [
  'USTR',
  'MOFCOM',
  'Commerce Secretary',
  'Vice Premier',
  'Trade Commissioner',
  'WTO panel',
  'CIT',
];
const TOPICS = [
  'semiconductors',
  'steel',
  'aluminium',
  'EVs',
  'soybeans',
  'rare earths',
  'solar',
  'shipbuilding',
];
const TAGS = ['truce', 'fentanyl', 'export-controls', 'agriculture', 'autos', 'critical-minerals', 'wto'];
const CONFIDENCE: readonly (readonly [Confidence, number])[] = [
  ['confirmed', 6],
  ['reported', 3],
  ['unverified', 1],
];

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

const dayOffsets = new Map<string, number | null>();

/** The zone's offset (minutes) at `ms`; cached per zone and UTC day when the offset is the same all day. */
function offsetAt(ms: number, zone: string): number {
  const dayStart = Math.floor(ms / DAY) * DAY;
  const key = `${zone}|${dayStart}`;
  let off = dayOffsets.get(key);
  if (off === undefined) {
    const a = zoneOffsetMinutes(dayStart, zone);
    off = a === zoneOffsetMinutes(dayStart + DAY - 1, zone) ? a : null;
    dayOffsets.set(key, off);
  }
  return off ?? zoneOffsetMinutes(ms, zone);
}

/** `ms` as an ISO instant with the zone's offset at that instant, e.g. 2026-05-12T09:00:00+02:00. */
function zonedIso(ms: number, zone: string): string {
  const off = offsetAt(ms, zone);
  const local = new Date(ms + off * MINUTE).toISOString().slice(0, 19);
  return off === 0
    ? `${local}Z`
    : `${local}${off < 0 ? '-' : '+'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function statusFor(rng: Rng, startMs: number): EventStatus {
  if (rng() < 0.08) return pick(rng, EVENT_STATUSES);
  if (startMs < PIVOT)
    return weighted(rng, [
      ['held', 8],
      ['passed', 3],
      ['unknown-outcome', 1],
    ]);
  return weighted(rng, [
    ['scheduled', 8],
    ['tentative', 2],
    ['postponed', 1],
  ]);
}

/** One synthetic event numbered `i`; all fields valid under the TradeEvent schema. */
function syntheticEvent(rng: Rng, i: number): TradeEvent {
  const kind = weighted(rng, KIND_WEIGHTS);
  const n = 1 + Math.floor(rng() * 3);
  const countries = [...new Set(Array.from({ length: n }, () => pick(rng, COUNTRIES)))];
  const zone = pick(rng, ZONES);
  const dayMs = SPAN_FROM + Math.floor(rng() * ((SPAN_TO - SPAN_FROM) / DAY)) * DAY;
  const allDay = kind === 'deadline' || kind === 'comment-deadline' ? rng() < 0.7 : rng() < 0.35;
  let start: Moment;
  let end: Moment | undefined;
  let startMs: number;
  if (allDay) {
    start = rng() < 0.7 ? { date: isoDate(dayMs), timeZone: zone } : { date: isoDate(dayMs) };
    startMs = dayMs;
    // A few multi-day items (summits, hearings), at most 3 days long.
    if (rng() < 0.15) end = { date: isoDate(dayMs + (1 + Math.floor(rng() * 2)) * DAY), timeZone: zone };
  } else {
    startMs = dayMs + Math.floor(rng() * 96) * 15 * MINUTE;
    start = { at: zonedIso(startMs, zone), timeZone: zone };
    if (rng() < 0.4)
      end = { at: zonedIso(startMs + (1 + Math.floor(rng() * 8)) * 30 * MINUTE, zone), timeZone: zone };
  }
  const topic = pick(rng, TOPICS);
  const place = pick(rng, PLACES);
  const who = countries.join('-');
  const event: TradeEvent = {
    id: `syn-${kind}-${who.toLowerCase()}-${i}`,
    title: `${who} ${kind.replace('-', ' ')} on ${topic} (#${i})`,
    kind,
    start,
    status: statusFor(rng, startMs),
    countries,
    participants: rng() < 0.5 ? [pick(rng, PEOPLE)] : [],
    tags: rng() < 0.6 ? [pick(rng, TAGS)] : [],
    sources: [
      {
        title: pick(rng, ['Reuters', 'Federal Register', 'MOFCOM', 'USTR', 'SCMP']),
        url: `https://example.com/n/${i}`,
      },
    ],
    confidence: weighted(rng, CONFIDENCE),
  };
  if (end) event.end = end;
  if (rng() < 0.5) event.location = place;
  if (rng() < 0.4)
    event.summary = `Synthetic ${kind} about ${topic} tariffs and market access, held in ${place}.`;
  return event;
}

/** `n` synthetic events, the same for the same `n` and seed; the first k of N equal those of k. */
export function syntheticEvents(n: number, seed = PRNG_SEED): TradeEvent[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => syntheticEvent(rng, i));
}

/** Stand-in measures, used only when data/seed.json is missing (reported as such). */
const FALLBACK_MEASURES: TariffMeasure[] = [
  {
    id: 'bench-us-ieepa-cn',
    title: 'IEEPA tariff on Chinese goods (bench fallback)',
    imposing: 'US',
    targets: ['CN'],
    authority: 'ieepa',
    rate: { percent: 10 },
    coverage: 'all-goods',
    scope: 'All goods',
    from: { date: '2025-02-04', timeZone: 'America/New_York' },
    until: { date: '2026-11-10', timeZone: 'America/New_York' },
    status: 'in-force',
    sources: [{ title: 'Federal Register', url: 'https://example.com/fr' }],
    confidence: 'confirmed',
  },
  {
    id: 'bench-us-301-cn-steel',
    title: 'Section 301 tariff on Chinese steel (bench fallback)',
    imposing: 'US',
    targets: ['CN'],
    authority: 'section-301',
    rate: { percent: 25 },
    coverage: 'some-goods',
    scope: 'Steel products',
    from: { date: '2024-09-27', timeZone: 'America/New_York' },
    status: 'in-force',
    sources: [{ title: 'USTR', url: 'https://example.com/ustr' }],
    confidence: 'confirmed',
  },
];

/** The real seed (validated by its own schema), or a labelled stand-in when the file is absent. */
export interface RealSeed {
  readonly data: SeedData;
  /** Where the real part came from: the seed file, or the stand-in. */
  readonly origin: 'data/seed.json' | 'fallback (data/seed.json missing)';
}

let realSeed: Promise<RealSeed> | undefined;

/** Reads data/seed.json once per process. */
export function loadRealSeed(): Promise<RealSeed> {
  realSeed ??= (async () => {
    if (!existsSync(SEED_FILE)) {
      return {
        data: { events: [], measures: FALLBACK_MEASURES },
        origin: 'fallback (data/seed.json missing)',
      } as const;
    }
    const data = SeedData.parse(JSON.parse(await readFile(SEED_FILE, 'utf8')));
    return { data, origin: 'data/seed.json' } as const;
  })();
  return realSeed;
}

/** Seed data for every size up to `maxN`, validated once (at `maxN`) with the SeedData schema. */
export interface BenchSeeds {
  readonly origin: RealSeed['origin'];
  /** How many of the events come from the real seed (they come first). */
  readonly realEvents: number;
  /** The largest size available, and the number of (real) measures. */
  readonly maxN: number;
  readonly measures: number;
  /** Time to generate and validate the `maxN` events (ms). */
  readonly generateMs: number;
  readonly validateMs: number;
  /** Seed data with exactly `n` events (n <= maxN): a prefix of the validated events, the real measures. */
  seed(n: number): SeedData;
}

/**
 * The real seed's events topped up with synthetic ones to `maxN` events, and the real seed's measures.
 * Any prefix of a valid event list with unique ids is itself valid, so smaller sizes are slices of it.
 */
export async function benchSeeds(maxN: number): Promise<BenchSeeds> {
  const { data, origin } = await loadRealSeed();
  const t0 = performance.now();
  const real = data.events.slice(0, maxN);
  const events = [...real, ...syntheticEvents(maxN - real.length)];
  if (new Set(events.map((e) => e.id)).size !== events.length)
    throw new Error('bench: synthetic event ids collide with the seed');
  const t1 = performance.now();
  const valid = SeedData.parse({ events, measures: data.measures });
  const t2 = performance.now();
  return {
    origin,
    realEvents: real.length,
    maxN,
    measures: valid.measures.length,
    generateMs: t1 - t0,
    validateMs: t2 - t1,
    seed: (n) => {
      if (n > maxN) throw new RangeError(`bench: asked for ${n} events, generated only ${maxN}`);
      return { events: valid.events.slice(0, n), measures: valid.measures };
    },
  };
}
