import { AUTHORITIES, type Authority, type TariffMeasure } from './measure.js';
import { momentStartMs } from './moment.js';

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
  const inForce = measures.filter((m) => targets(m, country) && inForceAt(m, atMs));
  const allGoods = inForce.filter((m) => m.coverage === 'all-goods');
  const totalPercent = allGoods.reduce((sum, m) => sum + ('percent' in m.rate ? m.rate.percent : 0), 0);
  const byAuthority = new Map<Authority, TariffMeasure[]>();
  for (const a of AUTHORITIES) {
    const list = inForce.filter((m) => m.authority === a);
    if (list.length) byAuthority.set(a, list);
  }
  return { country, atMs, allGoods, totalPercent, byAuthority };
}

/** Human text of a rate: "25%" or the text given. */
export const rateText = (m: TariffMeasure): string =>
  'percent' in m.rate ? `${m.rate.percent}%` : m.rate.text;
