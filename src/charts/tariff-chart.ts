import { countryInSentence } from '../domain/country-names.js';
import type { TimelineItem } from '../domain/timeline-item.js';
import { chartDate, chartText, pct } from './chart-text.js';
import { INK, MUTED, OKABE_ITO, TODAY } from './palette.js';
import { type ChartImage, type ChartOption, renderChart } from './render.js';
import type { TariffSteps } from './tariff-steps.js';

export const TARIFF_CHART_SIZE = { width: 1000, height: 500 } as const;

const DAY = 86_400_000;

/** A vertical line across the chart at an instant, labelled at the top. */
const vline = (ms: number, label: string, color: string, type: 'solid' | 'dashed', row: number) => ({
  xAxis: ms,
  lineStyle: { color, type, width: type === 'solid' ? 2 : 1 },
  label: {
    formatter: () => label,
    position: 'end' as const,
    color,
    fontSize: 11,
    distance: 4 + row * 14,
  },
});

/**
 * The ECharts option of the tariff step chart: one stacked band per authority group, the total's value at
 * each change, the key events and today as vertical lines.
 */
export function tariffChartOption(
  t: TariffSteps,
  events: readonly TimelineItem[],
  nowMs: number,
): ChartOption {
  const marks = [
    ...events.map((e, i) => vline(e.startMs, chartText(e.title, 30), MUTED, 'dashed', i % 3)),
    ...(nowMs >= t.fromMs && nowMs <= t.toMs ? [vline(nowMs, 'today', TODAY, 'solid', 0)] : []),
  ];
  const series = t.series.map((s, i) => ({
    name: chartText(s.label, 40),
    type: 'line' as const,
    step: 'end' as const,
    stack: 'total',
    symbol: 'none',
    lineStyle: { width: 1, color: OKABE_ITO[i % OKABE_ITO.length] },
    itemStyle: { color: OKABE_ITO[i % OKABE_ITO.length] },
    areaStyle: { opacity: 0.85 },
    data: t.steps.map((st) => [st.ms, st.bySeries[s.key] ?? 0]),
    ...(i === 0 ? { markLine: { symbol: 'none', silent: true, data: marks } } : {}),
  }));
  const max = Math.max(10, ...t.steps.map((s) => s.total));
  // Each level is written once, where it begins, unless it lasted under a week (the peak is always written).
  const totals = t.steps
    .slice(0, -1)
    .filter(
      (st, i, all) =>
        st.total !== all[i - 1]?.total &&
        (st.total === max || (t.steps[i + 1]?.ms ?? t.toMs) - st.ms >= 7 * DAY) &&
        !(i === 0 && st.total === 0),
    );
  return {
    useUTC: true,
    title: {
      text: chartText(`US tariff on all goods from ${countryInSentence(t.country)}`, 70),
      subtext: `${chartDate(t.fromMs)} – ${chartDate(t.toMs)} · stacked by legal authority · product-specific measures not included`,
      left: 16,
      textStyle: { fontSize: 18, color: INK },
      subtextStyle: { color: MUTED },
    },
    grid: { left: 64, right: 40, top: 120, bottom: 70 },
    legend: { bottom: 8, textStyle: { color: INK }, data: series.map((s) => s.name) },
    xAxis: {
      type: 'time',
      min: t.fromMs,
      max: t.toMs,
      axisLabel: { color: INK, hideOverlap: true },
      name: 'UTC',
      nameGap: 8,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil((max * 1.15) / 10) * 10,
      axisLabel: { formatter: (v: number) => pct(v), color: INK },
    },
    series: [
      ...series,
      {
        name: 'total',
        type: 'scatter',
        symbolSize: 0,
        silent: true,
        data: totals.map((st) => [st.ms, st.total]),
        label: {
          show: true,
          position: 'top',
          color: INK,
          formatter: (p: { value?: unknown }) => pct(Array.isArray(p.value) ? Number(p.value[1]) : 0),
        },
      },
    ],
  } as ChartOption;
}

/** The tariff step chart as a picture. */
export function drawTariffChart(t: TariffSteps, events: readonly TimelineItem[], nowMs: number): ChartImage {
  return renderChart(tariffChartOption(t, events, nowMs), TARIFF_CHART_SIZE.width, TARIFF_CHART_SIZE.height);
}
