import { AUTHORITY_LABELS, type TariffMeasure } from '../domain/measure.js';
import { momentStartMs } from '../domain/moment.js';
import { inForceAt, targets } from '../domain/stack.js';

/** The country whose across-the-board tariffs the chart draws: the chart is of US duties. */
export const CHART_IMPOSER = 'US';

/** One band of the stack: measures under one authority that follow each other (10% → 20% → 10%). */
export interface TariffSeries {
  readonly key: string;
  /** "IEEPA fentanyl", "IEEPA reciprocal", "Section 122". */
  readonly label: string;
  readonly measures: readonly TariffMeasure[];
}

/** The stack at one instant: the total and each band's share, measure by measure. */
export interface TariffStep {
  readonly ms: number;
  readonly total: number;
  /** Percent per series key; 0 when the series has no measure in force. */
  readonly bySeries: Readonly<Record<string, number>>;
  readonly inForce: readonly TariffMeasure[];
}

export interface TariffSteps {
  readonly country: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly series: readonly TariffSeries[];
  /** The stack at `fromMs`, then at every change up to `toMs`, then at `toMs`; each holds until the next. */
  readonly steps: readonly TariffStep[];
}

/** Changes closer together than this are one change on the chart (an order ending 00:00, the next starting 00:01). */
export const BLIP_MS = 3_600_000;

const percent = (m: TariffMeasure): number => ('percent' in m.rate ? m.rate.percent : 0);

/** The US across-the-board measures (a percent rate, a start) on goods from `country`, the ones the total adds up. */
export function acrossTheBoard(measures: readonly TariffMeasure[], country: string): TariffMeasure[] {
  return measures.filter(
    (m) =>
      m.imposing === CHART_IMPOSER &&
      m.coverage === 'all-goods' &&
      targets(m, country) &&
      'percent' in m.rate,
  );
}

const WORD_AFTER = /^[a-z][a-z-]*$/i;
const NOT_A_NAME = new Set([
  'tariff',
  'tariffs',
  'on',
  'at',
  'of',
  'the',
  'temporary',
  'import',
  'surcharge',
]);

/**
 * The name of a band: its authority and the word the titles of its measures share right after the authority
 * ("IEEPA fentanyl", "IEEPA reciprocal"), or the authority alone ("Section 122").
 */
function seriesLabel(list: readonly TariffMeasure[]): string {
  const first = list[0] as TariffMeasure;
  const authority = AUTHORITY_LABELS[first.authority];
  const size = authority.split(' ').length;
  const after = (m: TariffMeasure) => {
    const words = m.title.split(/\s+/);
    const at = words.findIndex((_w, i) => words.slice(i, i + size).join(' ') === authority);
    return at < 0 ? undefined : words[at + size];
  };
  const word = after(first);
  if (
    word &&
    WORD_AFTER.test(word) &&
    !NOT_A_NAME.has(word.toLowerCase()) &&
    list.every((m) => after(m) === word)
  )
    return `${authority} ${word}`;
  return authority;
}

/**
 * Groups measures into bands: measures of one authority where one ends at the very instant the next begins form
 * one band, so a rate that moves (fentanyl 10% → 20% → 10%) stays one colour.
 */
export function tariffSeries(list: readonly TariffMeasure[]): TariffSeries[] {
  const sorted = [...list].sort((a, b) => startOf(a) - startOf(b) || a.id.localeCompare(b.id));
  const groups: TariffMeasure[][] = [];
  for (const m of sorted) {
    const prev = groups.find((g) => {
      const last = g[g.length - 1] as TariffMeasure;
      return (
        last.authority === m.authority &&
        last.until &&
        m.from &&
        momentStartMs(last.until) === momentStartMs(m.from)
      );
    });
    if (prev) prev.push(m);
    else groups.push([m]);
  }
  return groups.map((g) => ({ key: (g[0] as TariffMeasure).id, label: seriesLabel(g), measures: g }));
}

/** Two bands with one name are told apart by the id of their first measure. */
function distinctLabels(series: readonly TariffSeries[]): TariffSeries[] {
  return series.map((s) =>
    series.filter((o) => o.label === s.label).length > 1 ? { ...s, label: `${s.label} (${s.key})` } : s,
  );
}

const startOf = (m: TariffMeasure): number => (m.from ? momentStartMs(m.from) : Number.NEGATIVE_INFINITY);

function stepAt(ms: number, series: readonly TariffSeries[]): TariffStep {
  const bySeries: Record<string, number> = {};
  const inForce: TariffMeasure[] = [];
  let total = 0;
  for (const s of series) {
    let v = 0;
    for (const m of s.measures) {
      if (!inForceAt(m, ms)) continue;
      v += percent(m);
      inForce.push(m);
    }
    bySeries[s.key] = v;
    total += v;
  }
  return { ms, total, bySeries, inForce };
}

/**
 * The across-the-board US tariff on goods from `country` over [fromMs, toMs], step by step, by band; the same
 * rule as `tariffs` (a measure is in force from its start until its end) decides each step.
 */
export function tariffSteps(
  measures: readonly TariffMeasure[],
  country: string,
  fromMs: number,
  toMs: number,
): TariffSteps {
  const list = acrossTheBoard(measures, country);
  const series = tariffSeries(list);
  const edges = new Set<number>();
  for (const m of list)
    for (const edge of [m.from, m.until]) {
      const ms = edge ? momentStartMs(edge) : undefined;
      if (ms !== undefined && ms > fromMs && ms < toMs) edges.add(ms);
    }
  const sorted = [...edges].sort((a, b) => a - b);
  const steps: TariffStep[] = [];
  for (const [i, ms] of [fromMs, ...sorted].entries()) {
    // Orders that end at 00:00 and begin at 00:01 (or the reverse) are one change, drawn once, as it stood after.
    const next = sorted[i];
    if (i > 0 && next !== undefined && next - ms < BLIP_MS) continue;
    const step = stepAt(ms, series);
    const prev = steps.at(-1);
    // An edge where one measure hands over to another at the same rate changes nothing on the chart.
    if (prev && series.every((s) => prev.bySeries[s.key] === step.bySeries[s.key])) continue;
    steps.push(step);
  }
  steps.push({ ...stepAt(toMs - 1, series), ms: toMs });
  const drawn = series.filter((s) => steps.some((st) => (st.bySeries[s.key] ?? 0) > 0));
  return { country, fromMs, toMs, series: distinctLabels(drawn), steps };
}

/** The instants the total changes inside the window (the first step is the window's start, the last its end). */
export const changes = (t: TariffSteps): readonly TariffStep[] => t.steps.slice(1, -1);

/** The extent of the record: the first start and the last start or end of the measures, if any. */
export function recordSpan(
  measures: readonly TariffMeasure[],
  country: string,
): { first: number; last: number } | undefined {
  const edges = acrossTheBoard(measures, country)
    .flatMap((m) => [m.from, m.until])
    .filter((x) => x !== undefined)
    .map(momentStartMs);
  if (edges.length === 0) return undefined;
  return { first: Math.min(...edges), last: Math.max(...edges) };
}
