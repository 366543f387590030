import { AUTHORITIES, type Authority, type TariffMeasure } from './measure.js';
import { localMidnight, momentStartMs, momentZone } from './moment.js';
import { addDays } from './time.js';

export interface TariffStack {
  readonly country: string;
  readonly atMs: number;
  /** Across-the-board measures in force, whose percent rates add up. */
  readonly allGoods: readonly TariffMeasure[];
  /** Sum of the across-the-board percent rates. */
  readonly totalPercent: number;
  /** Product-specific measures in force, by authority. */
  readonly byAuthority: ReadonlyMap<Authority, readonly TariffMeasure[]>;
}

/**
 * True when a measure applies at an instant: it took effect and has not ended. A measure with no
 * `from` was in force before the record begins, unless it was only announced; with no `until`
 * either, only its status says whether it still is.
 */
export function inForceAt(m: TariffMeasure, atMs: number): boolean {
  if (m.status === 'announced' && !m.from) return false;
  if (m.from && momentStartMs(m.from) > atMs) return false;
  if (m.until) return atMs < momentStartMs(m.until);
  return m.from !== undefined || m.status === 'in-force';
}

/** True when a measure hits goods from `country`. */
export const targets = (m: TariffMeasure, country: string): boolean =>
  m.targets === 'all' ? m.imposing !== country : m.targets.includes(country);

/** The measures on goods from `country` in force at an instant, with the across-the-board total. */
export function stackFor(measures: readonly TariffMeasure[], country: string, atMs: number): TariffStack {
  return stackOf(measures, country, atMs, (m) => inForceAt(m, atMs));
}

/** The zone a measure's dates are read in: that of its start, else of its end (UTC when it has neither). */
const measureZone = (m: TariffMeasure): string => {
  const edge = m.from ?? m.until;
  return edge ? momentZone(edge) : 'UTC';
};

/**
 * The stack on goods from `country` as it stood at the close of calendar day `date`, each measure's day read
 * in its own zone: an order effective 00:01 ET on 9 April counts on 9 April for a reader in any zone.
 */
export function stackOnDay(
  measures: readonly TariffMeasure[],
  country: string,
  date: string,
  atMs: number,
): TariffStack {
  const next = addDays(date, 1);
  return stackOf(measures, country, atMs, (m) => inForceAt(m, localMidnight(next, measureZone(m)) - 1));
}

function stackOf(
  measures: readonly TariffMeasure[],
  country: string,
  atMs: number,
  applies: (m: TariffMeasure) => boolean,
): TariffStack {
  const inForce: TariffMeasure[] = [];
  for (const m of measures) if (targets(m, country) && applies(m)) inForce.push(m);
  return stackOfInForce(country, atMs, inForce);
}

/** The stack of measures already known to be in force on goods from `country`, in one pass, keeping their order. */
function stackOfInForce(country: string, atMs: number, inForce: readonly TariffMeasure[]): TariffStack {
  const allGoods: TariffMeasure[] = [];
  let totalPercent = 0;
  const lists = new Map<Authority, TariffMeasure[]>();
  for (const m of inForce) {
    if (m.coverage === 'all-goods') {
      allGoods.push(m);
      totalPercent += 'percent' in m.rate ? m.rate.percent : 0;
    }
    const list = lists.get(m.authority);
    if (list) list.push(m);
    else lists.set(m.authority, [m]);
  }
  // By authority in AUTHORITIES' order, whatever order the measures come in.
  const byAuthority = new Map<Authority, TariffMeasure[]>();
  for (const a of AUTHORITIES) {
    const list = lists.get(a);
    if (list) byAuthority.set(a, list);
  }
  return { country, atMs, allGoods, totalPercent, byAuthority };
}

/** A measure on goods from one country with the instants of its dates read once: see targetedMeasures. */
export interface DatedMeasure {
  readonly measure: TariffMeasure;
  readonly fromMs: number | undefined;
  readonly untilMs: number | undefined;
}

/**
 * The measures on goods from `country`, in order, with their dates as instants: what stackAt checks at any
 * instant. Depends only on the measures, so it can be kept as long as they are (a timeline keeps it per country).
 */
export function targetedMeasures(measures: readonly TariffMeasure[], country: string): DatedMeasure[] {
  const out: DatedMeasure[] = [];
  for (const m of measures)
    if (targets(m, country))
      out.push({
        measure: m,
        fromMs: m.from ? momentStartMs(m.from) : undefined,
        untilMs: m.until ? momentStartMs(m.until) : undefined,
      });
  return out;
}

/** The same stack as stackFor(measures, country, atMs), from targetedMeasures(measures, country). */
export function stackAt(targeted: readonly DatedMeasure[], country: string, atMs: number): TariffStack {
  const inForce: TariffMeasure[] = [];
  for (const d of targeted) {
    const m = d.measure;
    // inForceAt, on the instants read once.
    if (m.status === 'announced' && !m.from) continue;
    if (d.fromMs !== undefined && d.fromMs > atMs) continue;
    if (d.untilMs !== undefined ? atMs < d.untilMs : m.from !== undefined || m.status === 'in-force')
      inForce.push(m);
  }
  return stackOfInForce(country, atMs, inForce);
}

/** Human text of a rate: "25%" or the text given. */
export const rateText = (m: TariffMeasure): string =>
  'percent' in m.rate ? `${m.rate.percent}%` : m.rate.text;
