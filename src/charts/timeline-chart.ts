import type { EventKind } from '../domain/event.js';
import { DEADLINE_KINDS, type TimelineItem } from '../domain/timeline-item.js';
import { chartDate, chartText } from './chart-text.js';
import { HIGHLIGHT, INK, MUTED, OKABE_ITO, TODAY } from './palette.js';
import { type ChartImage, type ChartOption, renderChart } from './render.js';

const DAY = 86_400_000;
/** Rows drawn at most; the reply's text lists the rest. */
export const TIMELINE_ROWS = 25;
const ROW_PX = 26;

/** The groups the timeline's marks are coloured by; deadlines and expiries first, in the highlight colour. */
const GROUPS: readonly { name: string; color: string; symbol: string; kinds: readonly EventKind[] }[] = [
  { name: 'Deadline or expiry', color: HIGHLIGHT, symbol: 'diamond', kinds: [...DEADLINE_KINDS] },
  {
    name: 'Meeting, summit or call',
    color: OKABE_ITO[0],
    symbol: 'circle',
    kinds: ['meeting', 'summit', 'call'],
  },
  { name: 'Tariff action', color: OKABE_ITO[1], symbol: 'rect', kinds: ['tariff-action'] },
  {
    name: 'Ruling, hearing or investigation',
    color: OKABE_ITO[2],
    symbol: 'triangle',
    kinds: ['ruling', 'hearing', 'investigation'],
  },
  { name: 'Other', color: OKABE_ITO[3], symbol: 'roundRect', kinds: ['other'] },
];

export const isDeadline = (it: TimelineItem): boolean => DEADLINE_KINDS.has(it.kind);

/** The row label of an item: its date and title, made safe to draw. */
const rowLabel = (it: TimelineItem): string => `${chartDate(it.startMs)} · ${chartText(it.title, 48)}`;

/** The timeline's picture size: taller with more rows. */
export const timelineSize = (rows: number) => ({ width: 1000, height: Math.max(400, 130 + rows * ROW_PX) });

/**
 * The ECharts option of the timeline: one row per item (the first at the top), a mark at its start, a bar over
 * its days when it spans several, deadlines and expiries as large vermillion diamonds, today as a black line.
 */
export function timelineChartOption(
  items: readonly TimelineItem[],
  fromMs: number,
  toMs: number,
  nowMs: number,
  heading: string,
): ChartOption {
  const rows = items.slice(0, TIMELINE_ROWS);
  // Rows are keyed by position (titles may repeat); the axis is inverse, so the earliest item is the top row.
  const at = (i: number) => `${i}`;
  const labels = rows.map((_it, i) => at(i));
  const spans = rows
    .map((it, i) => ({ it, i }))
    .filter(({ it }) => it.endMs - it.startMs > DAY)
    .map(({ it, i }) => ({
      name: '',
      type: 'line' as const,
      symbol: 'none',
      silent: true,
      lineStyle: { width: 8, color: MUTED, opacity: 0.5 },
      data: [
        [Math.max(it.startMs, fromMs), at(i)],
        [Math.min(it.endMs, toMs), at(i)],
      ],
    }));
  const marks = GROUPS.map((g) => ({
    name: g.name,
    type: 'scatter' as const,
    symbol: g.symbol,
    symbolSize: g.color === HIGHLIGHT ? 16 : 11,
    itemStyle: { color: g.color, borderColor: INK, borderWidth: g.color === HIGHLIGHT ? 1 : 0 },
    data: rows
      .map((it, i) => ({ it, i }))
      .filter(({ it }) => g.kinds.includes(it.kind))
      .map(({ it, i }) => [Math.max(it.startMs, fromMs), at(i)]),
  }));
  marks[0] = {
    ...(marks[0] as (typeof marks)[number]),
    // Today's line rides on the first series, which is always present (it may be empty).
    markLine: {
      symbol: 'none',
      silent: true,
      data: [
        {
          xAxis: nowMs,
          lineStyle: { color: TODAY, type: 'solid', width: 2 },
          label: { formatter: () => 'today', color: TODAY, position: 'start' },
        },
      ],
    },
  } as (typeof marks)[number];
  const names = rows.map(rowLabel);
  return {
    useUTC: true,
    title: {
      text: chartText(heading, 80),
      subtext: `${chartDate(fromMs)} – ${chartDate(toMs)} · deadlines and expiries in vermillion`,
      left: 16,
      textStyle: { fontSize: 18, color: INK },
      subtextStyle: { color: MUTED },
    },
    grid: { left: 440, right: 40, top: 80, bottom: 60 },
    legend: { bottom: 8, data: GROUPS.map((g) => g.name), textStyle: { color: INK } },
    xAxis: {
      type: 'time',
      min: fromMs,
      max: toMs,
      axisLabel: { color: INK, hideOverlap: true },
      name: 'UTC',
      nameGap: 8,
    },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLabel: {
        color: INK,
        fontSize: 11,
        formatter: (v: string) => names[Number(v)] ?? '',
      },
      splitLine: { show: true, lineStyle: { color: '#eeeeee' } },
    },
    series: [...marks, ...spans],
  } as ChartOption;
}

/** The timeline as a picture. */
export function drawTimelineChart(
  items: readonly TimelineItem[],
  fromMs: number,
  toMs: number,
  nowMs: number,
  heading: string,
): ChartImage {
  const size = timelineSize(Math.min(items.length, TIMELINE_ROWS));
  return renderChart(timelineChartOption(items, fromMs, toMs, nowMs, heading), size.width, size.height);
}
