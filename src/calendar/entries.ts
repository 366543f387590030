import { escapeControls } from '../domain/control-chars.js';
import { AUTHORITY_LABELS } from '../domain/measure.js';
import { addDays, localDate } from '../domain/time.js';
import type { TimelineItem } from '../domain/timeline-item.js';
import type { Revision } from './revisions.js';

/** When a calendar entry happens: whole local dates (end exclusive), or exact instants. */
export type EntryTime =
  | { readonly allDay: true; readonly startDate: string; readonly endDate: string }
  | { readonly allDay: false; readonly startMs: number; readonly endMs?: number };

/** One VEVENT, in plain values: what the generator writes and the tests read back. */
export interface CalendarEntry {
  readonly uid: string;
  readonly sequence: number;
  /** When the item was last revised in the store (DTSTAMP and LAST-MODIFIED). */
  readonly stampMs: number;
  readonly title: string;
  readonly time: EntryTime;
  readonly status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  readonly description: string;
  readonly url?: string;
  readonly location?: string;
  readonly categories: readonly string[];
}

/** The domain every UID ends with: fixed, so a UID never changes with the bot's address. */
export const UID_DOMAIN = 'trade-brief';

/** The stable UID of a timeline row: its id (a slug, or a measure's id with -starts / -ends). */
export const uidOf = (itemId: string): string => `${itemId}@${UID_DOMAIN}`;

/** Text from the store as one line a calendar may show: control and bidi characters made visible. */
const line = (text: string): string => escapeControls(text);

function entryTime(item: TimelineItem): EntryTime {
  if (item.days) {
    // DTEND of an all-day item is the day after its last day (RFC 5545: exclusive).
    const last = item.days.end ?? localDate(Math.max(item.endMs - 1, item.startMs), item.zone);
    return { allDay: true, startDate: item.days.start, endDate: addDays(last, 1) };
  }
  return item.endMs > item.startMs
    ? { allDay: false, startMs: item.startMs, endMs: item.endMs }
    : { allDay: false, startMs: item.startMs };
}

function statusOf(item: TimelineItem): CalendarEntry['status'] {
  if (item.origin.type === 'measure')
    return item.origin.measure.status === 'announced' ? 'TENTATIVE' : 'CONFIRMED';
  if (item.status === 'cancelled') return 'CANCELLED';
  return item.status === 'tentative' || item.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED';
}

/** The DESCRIPTION: summary, then status, confidence, countries and every source with its address. */
function describe(item: TimelineItem): string {
  const parts: string[] = [];
  let status: string = item.status;
  if (item.origin.type === 'event') {
    const e = item.origin.event;
    if (e.summary) parts.push(escapeControls(e.summary, true), '');
    if (e.participants.length) parts.push(`People: ${line(e.participants.join(', '))}`);
  } else {
    const m = item.origin.measure;
    parts.push(escapeControls(m.summary ?? m.scope, true), '');
    const rate = 'percent' in m.rate ? `${m.rate.percent}%` : line(m.rate.text);
    parts.push(`Measure: ${rate} under ${AUTHORITY_LABELS[m.authority]} (${m.coverage})`);
    status = m.status;
  }
  parts.push(`Status: ${status}`);
  parts.push(
    `Confidence: ${item.confidence}${item.confidence === 'unverified' ? ' (check the source before citing)' : ''}`,
  );
  parts.push(`Countries: ${item.countries.join(', ')}`);
  parts.push('Sources:', ...item.sources.map((s) => `- ${line(s.title)}: ${s.url}`));
  return parts.join('\n');
}

/** A URL a calendar keeps as it is: commas and semicolons percent-encoded (the generator would escape them). */
const safeUrl = (url: string): string => url.replace(/,/g, '%2C').replace(/;/g, '%3B');

/** The calendar entry of one timeline row, with its revision from the audit log (none for a seed item untouched). */
export function calendarEntry(
  item: TimelineItem,
  rev: Revision | undefined,
  fallbackStampMs: number,
): CalendarEntry {
  const first = item.sources[0];
  const location = item.origin.type === 'event' ? item.origin.event.location : undefined;
  return {
    uid: uidOf(item.id),
    sequence: rev?.edits ?? 0,
    stampMs: rev && rev.lastAt > 0 ? rev.lastAt : fallbackStampMs,
    title: line(item.title),
    time: entryTime(item),
    status: statusOf(item),
    description: describe(item),
    url: first ? safeUrl(first.url) : undefined,
    location: location ? line(location) : undefined,
    categories: [item.kind],
  };
}
