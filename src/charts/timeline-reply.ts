import { itemLine, whenSpan } from '../commands/item-lines.js';
import type { EventKind } from '../domain/event.js';
import type { Timeline } from '../domain/timeline.js';
import { code, type Reply, strong } from '../render/reply.js';
import { chartDate } from './chart-text.js';
import { drawTimelineChart, isDeadline, TIMELINE_ROWS } from './timeline-chart.js';

const DAY = 86_400_000;
/** The picture starts a little before today, so today's line stands clear of the axis. */
const LEAD_IN = 2 * DAY;

export interface TimelineFilter {
  readonly days: number;
  readonly countries?: readonly string[];
  readonly kinds?: readonly EventKind[];
}

/** "next 90 days · CN · summit, deadline": what a timeline chart covers. */
export const timelineWhat = (f: TimelineFilter): string =>
  [`next ${f.days} days`, f.countries?.join(', '), f.kinds?.join(', ')].filter(Boolean).join(' · ');

/**
 * `chart timeline`: what is coming in the next `days`, filtered, as a timeline picture with today marked and
 * deadlines and expiries highlighted, and the same items in words. An empty window says so and draws nothing.
 */
export function timelineChartReply(tl: Timeline, f: TimelineFilter, nowMs: number): Reply {
  const toMs = nowMs + f.days * DAY;
  const filter = { countries: f.countries, kinds: f.kinds };
  const items = tl.between(nowMs, toMs, filter);
  const what = timelineWhat(f);
  if (items.length === 0) {
    const next = tl.between(toMs, Number.POSITIVE_INFINITY, filter, 1)[0];
    return {
      title: `Timeline — ${what}: no chart`,
      intro: [`Nothing on the timeline in the ${what}, so there is nothing to draw.`],
      sections: next
        ? [{ lines: [['The next is ', strong(next.title), ' (', whenSpan(next), ') ', code(next.id)]] }]
        : [],
      context: [['Try a longer window: ', code('/trade chart timeline days:365')]],
      visibility: 'ephemeral',
    };
  }
  const deadlines = items.filter(isDeadline).length;
  const image = drawTimelineChart(items, nowMs - LEAD_IN, toMs, nowMs, `What is coming: ${what}`);
  const shown = Math.min(items.length, TIMELINE_ROWS);
  return {
    title: `Timeline — ${what}`,
    intro: [
      `${items.length} item${items.length === 1 ? '' : 's'}, `,
      strong(`${deadlines} deadline${deadlines === 1 ? '' : 's'} or expir${deadlines === 1 ? 'y' : 'ies'}`),
      shown < items.length ? `; the chart shows the first ${shown}.` : '.',
    ],
    sections: [
      { lines: items.slice(0, TIMELINE_ROWS).map((it) => itemLine(it, nowMs)), more: items.length - shown },
    ],
    context: [['Details and sources: ', code('/trade event <id>')]],
    visibility: 'ephemeral',
    files: [
      {
        name: 'timeline.png',
        mime: 'image/png',
        bytes: image.png,
        title: `Timeline of the ${what} from ${chartDate(nowMs)}: ${items.length} ${items.length === 1 ? 'item' : 'items'}, ${deadlines} ${deadlines === 1 ? 'deadline or expiry' : 'deadlines or expiries'}`,
      },
    ],
  };
}
