import { whenSpan } from '../commands/item-lines.js';
import { measureLine } from '../commands/stack-lines.js';
import { countryInSentence } from '../domain/country-names.js';
import { stackFor } from '../domain/stack.js';
import { localDate } from '../domain/time.js';
import type { Timeline } from '../domain/timeline.js';
import { code, day, type Reply, type Rich, type Section, strong } from '../render/reply.js';
import { chartDate, pct } from './chart-text.js';
import { keyEvents } from './key-events.js';
import { drawTariffChart } from './tariff-chart.js';
import { CHART_IMPOSER, recordSpan, type TariffStep, type TariffSteps, tariffSteps } from './tariff-steps.js';

const DAY = 86_400_000;
/** US orders take effect at 00:01 in Washington: the steps are dated there. */
const ORDER_ZONE = 'America/New_York';
const PRODUCT_LINES = 12;

/** "145% (IEEPA fentanyl 20% + IEEPA reciprocal 125%)" for one step. */
function stepLine(t: TariffSteps, st: TariffStep): Rich {
  const parts = t.series
    .filter((s) => (st.bySeries[s.key] ?? 0) > 0)
    .map((s) => `${s.label} ${pct(st.bySeries[s.key] ?? 0)}`);
  return [
    day(localDate(st.ms, ORDER_ZONE)),
    ' — ',
    strong(pct(st.total)),
    parts.length > 1 ? ` (${parts.join(' + ')})` : parts.length ? ` (${parts[0]})` : '',
  ];
}

/** The window a tariff chart shows by default: a month before the first change to two months after today or the last. */
export function defaultTariffWindow(
  tl: Timeline,
  country: string,
  nowMs: number,
): { fromMs: number; toMs: number } {
  const span = recordSpan(tl.measures, country);
  return {
    fromMs: span ? span.first - 30 * DAY : nowMs - 365 * DAY,
    toMs: Math.max(nowMs, span?.last ?? nowMs) + 60 * DAY,
  };
}

/**
 * `chart tariffs`: the step chart of the across-the-board US tariff on goods from `country` over [fromMs, toMs],
 * with its steps and key events in words and the product-specific measures listed beside it (not summed). With
 * no across-the-board tariff in the window it says so, and draws nothing.
 */
export function tariffChartReply(
  tl: Timeline,
  country: string,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Reply {
  const t = tariffSteps(tl.measures, country, fromMs, toMs);
  const who = countryInSentence(country);
  const window = `${chartDate(fromMs)} – ${chartDate(toMs)}`;
  const between = `between ${chartDate(fromMs)} and ${chartDate(toMs)}`;
  const at = Math.min(nowMs, toMs - 1);
  const products = [...stackFor(tl.measures, country, at).byAuthority.values()]
    .flat()
    .filter((m) => m.coverage === 'some-goods' && m.imposing === CHART_IMPOSER);
  const productSection: Section = {
    heading: `Product-specific measures in force on ${chartDate(at)} (not in the total)`,
    lines: products.length
      ? products.slice(0, PRODUCT_LINES).map((m) => measureLine(m, nowMs))
      : [[`None on goods from ${who}.`]],
    more: Math.max(0, products.length - PRODUCT_LINES),
  };
  const drawn = t.steps.some((st) => st.total > 0);
  if (!drawn)
    return {
      title: `US tariffs on goods from ${who}: no chart`,
      intro: [
        `No across-the-board US tariff on goods from ${who} was in force ${between}, so there is nothing to draw.`,
      ],
      sections: [productSection],
      context: [['Try another window (from:2025-01-01 to:2026-12-31) or ', code('/trade tariffs <country>')]],
      visibility: 'ephemeral',
    };
  const events = keyEvents(tl, t, nowMs);
  const steps = t.steps.slice(0, -1).filter((st, i) => i > 0 || st.total > 0);
  const peak = Math.max(...t.steps.map((s) => s.total));
  const current = t.steps.filter((st) => st.ms <= at).at(-1) ?? (t.steps[0] as TariffStep);
  const image = drawTariffChart(t, events, nowMs);
  return {
    title: `US tariff on all goods from ${who}, ${window}`,
    intro: [
      'Across the board: ',
      strong(pct(peak)),
      ' at the peak, ',
      strong(pct(current.total)),
      ` on ${chartDate(at)}. Each band is one legal authority; the chart shows no product-specific duty.`,
    ],
    sections: [
      { heading: 'Step by step', lines: steps.map((st) => stepLine(t, st)) },
      ...(events.length
        ? [
            {
              heading: 'Marked on the chart',
              lines: events.map((e): Rich => [whenSpan(e), ' — ', e.title, ' · ', code(e.id)]),
            },
          ]
        : []),
      productSection,
    ],
    context: [
      [
        'Marked: for each change, the last meeting, summit, call or ruling in the 14 days before it. Details: ',
        code('/trade event <id>'),
      ],
    ],
    visibility: 'ephemeral',
    files: [
      {
        name: `tariffs-${country}.png`,
        mime: 'image/png',
        bytes: image.png,
        title: `Step chart of the US tariff on all goods from ${who}, ${window}: ${pct(peak)} at the peak, ${pct(current.total)} on ${chartDate(at)}`,
      },
    ],
  };
}
