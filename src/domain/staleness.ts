import type { TradeEvent } from './event.js';
import type { TariffMeasure } from './measure.js';
import { momentStartMs } from './moment.js';
import { eventItem, type TimelineItem } from './timeline-item.js';

/** What a reader is told about an item whose date passed while its status still speaks of the future. */
export const OUTCOME_PENDING = 'date passed, outcome not recorded';

/** An item awaiting its outcome: since when, and the status that still speaks of the future. */
export interface PendingOutcome {
  readonly sinceMs: number;
  readonly status: string;
}

const FUTURE_EVENT = new Set(['scheduled', 'tentative', 'unknown-outcome']);

/**
 * When an event's date has passed (its end, for one that lasts) while its status is still scheduled, tentative
 * or unknown-outcome; an unknown outcome recorded after the date (`reviewedAt`) counts as recorded.
 */
export function eventPending(e: TradeEvent, endMs: number, nowMs: number): PendingOutcome | undefined {
  if (!FUTURE_EVENT.has(e.status) || endMs > nowMs) return undefined;
  if (e.status === 'unknown-outcome' && e.reviewedAt && Date.parse(e.reviewedAt) >= endMs) return undefined;
  return { sinceMs: endMs, status: e.status };
}

/**
 * When a measure's date has passed while its status still speaks of the future: announced with its start
 * passed, or in force or suspended with its end (`until`) passed.
 */
export function measurePending(m: TariffMeasure, nowMs: number): PendingOutcome | undefined {
  if (m.status === 'announced' && m.from && momentStartMs(m.from) <= nowMs)
    return { sinceMs: momentStartMs(m.from), status: m.status };
  if ((m.status === 'in-force' || m.status === 'suspended') && m.until && momentStartMs(m.until) <= nowMs)
    return { sinceMs: momentStartMs(m.until), status: m.status };
  return undefined;
}

/** The pending outcome behind a timeline row at `nowMs`: its event's, or its measure's for the edge concerned. */
export function itemPending(item: TimelineItem, nowMs: number): PendingOutcome | undefined {
  if (item.origin.type === 'event') return eventPending(item.origin.event, item.endMs, nowMs);
  const p = measurePending(item.origin.measure, nowMs);
  if (!p) return undefined;
  // Only the row whose time it is carries the note: the start of an announced measure, the end of one in force.
  const edge = item.origin.measure.status === 'announced' ? 'starts' : 'ends';
  return item.origin.edge === edge ? p : undefined;
}

/** The pending outcome of a stored event at `nowMs`, or undefined (also when its dates cannot be placed). */
export function storedEventPending(e: TradeEvent, nowMs: number): PendingOutcome | undefined {
  try {
    return eventPending(e, eventItem(e).endMs, nowMs);
  } catch {
    return undefined;
  }
}
