import type { EventKind, EventStatus, TradeEvent } from './event.js';
import type { TariffMeasure } from './measure.js';
import { momentEndMs, momentStartMs, momentZone } from './moment.js';
import {
  type Confidence,
  DATE_RANGE,
  isAllDay,
  isInDateRange,
  isYearInRange,
  type Moment,
  type Source,
} from './primitives.js';

/** One dated row of the timeline: a stored event, or the start or end of a tariff measure. */
export interface TimelineItem {
  readonly id: string;
  readonly title: string;
  readonly kind: EventKind;
  readonly status: EventStatus;
  readonly startMs: number;
  /** Exclusive end; equals startMs for a point in time. */
  readonly endMs: number;
  /** Set for all-day items: the local dates, shown as dates in every time zone. */
  readonly days?: { readonly start: string; readonly end?: string };
  readonly zone: string;
  readonly countries: readonly string[];
  readonly confidence: Confidence;
  readonly sources: readonly Source[];
  readonly origin:
    | { readonly type: 'event'; readonly event: TradeEvent }
    | { readonly type: 'measure'; readonly measure: TariffMeasure; readonly edge: 'starts' | 'ends' };
}

export const DEADLINE_KINDS: ReadonlySet<EventKind> = new Set(['deadline', 'comment-deadline']);

/** Throws a RangeError naming the date when a stored moment is not a date within DATE_RANGE. */
function checkMoment(m: Moment | undefined): void {
  if (m === undefined) return;
  const ok = isAllDay(m)
    ? /^\d{4}-\d{2}-\d{2}$/.test(m.date) && isYearInRange(Number(m.date.slice(0, 4)))
    : isInDateRange(Date.parse(m.at));
  if (!ok)
    throw new RangeError(`its date ${String(isAllDay(m) ? m.date : m.at)} is not a date from ${DATE_RANGE}`);
}

/** The row if its times can be shown and counted from; else a RangeError saying why it cannot be placed. */
function placeable(row: TimelineItem): TimelineItem {
  if (typeof row.id !== 'string' || typeof row.title !== 'string')
    throw new TypeError('it has no id or no title');
  if (!isInDateRange(row.startMs) || !isInDateRange(row.endMs))
    throw new RangeError(`its dates cannot be read as dates from ${DATE_RANGE}`);
  return row;
}

/** The timeline row for a stored event; throws when its dates cannot be placed. */
export function eventItem(event: TradeEvent): TimelineItem {
  checkMoment(event.start);
  checkMoment(event.end);
  const startMs = momentStartMs(event.start);
  const endMs = event.end
    ? momentEndMs(event.end)
    : isAllDay(event.start)
      ? momentEndMs(event.start)
      : startMs;
  const days = isAllDay(event.start)
    ? { start: event.start.date, end: event.end && isAllDay(event.end) ? event.end.date : undefined }
    : undefined;
  return placeable({
    id: event.id,
    title: event.title,
    kind: event.kind,
    status: event.status,
    startMs,
    endMs: Math.max(endMs, startMs),
    days,
    zone: momentZone(event.start),
    countries: event.countries,
    confidence: event.confidence,
    sources: event.sources,
    origin: { type: 'event', event },
  });
}

/** Rows for a measure: its entry into force (kind tariff-action) and its end (a deadline); throws like eventItem. */
export function measureItems(measure: TariffMeasure): TimelineItem[] {
  checkMoment(measure.from);
  checkMoment(measure.until);
  const countries = [measure.imposing, ...(measure.targets === 'all' ? [] : measure.targets)];
  const rows: TimelineItem[] = [];
  const edge = (
    m: NonNullable<TariffMeasure['from']>,
    which: 'starts' | 'ends',
    id: string,
    title: string,
  ) => {
    const ms = momentStartMs(m);
    rows.push(
      placeable({
        id,
        title,
        kind: which === 'ends' ? 'deadline' : 'tariff-action',
        status: 'scheduled',
        startMs: ms,
        endMs: isAllDay(m) ? momentEndMs(m) : ms,
        days: isAllDay(m) ? { start: m.date } : undefined,
        zone: momentZone(m),
        countries,
        confidence: measure.confidence,
        sources: measure.sources,
        origin: { type: 'measure', measure, edge: which },
      }),
    );
  };
  if (measure.from) edge(measure.from, 'starts', `${measure.id}-starts`, `${measure.title} takes effect`);
  if (measure.until) edge(measure.until, 'ends', `${measure.id}-ends`, `${measure.title} ends`);
  return rows;
}

/** Status of a row at an instant: a scheduled item whose time is past shows as passed, and the reverse. */
export function statusAt(item: TimelineItem, nowMs: number): EventStatus {
  if (item.origin.type === 'measure') return item.startMs <= nowMs ? 'passed' : 'scheduled';
  // Seen from before it happened (a shifted clock), an item now marked held or passed was still scheduled.
  if ((item.status === 'held' || item.status === 'passed') && item.startMs > nowMs) return 'scheduled';
  if (
    (item.status === 'scheduled' || item.status === 'tentative') &&
    item.endMs <= nowMs &&
    item.startMs < nowMs
  )
    return 'passed';
  return item.status;
}

const LIVE = new Set<EventStatus>(['scheduled', 'tentative', 'unknown-outcome']);

/** True when an item is still ahead as planned at `nowMs`: not yet started, not postponed or cancelled. */
export const isAhead = (item: TimelineItem, nowMs: number): boolean =>
  item.startMs > nowMs && LIVE.has(statusAt(item, nowMs));
