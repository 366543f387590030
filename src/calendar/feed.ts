import type { EventKind } from '../domain/event.js';
import { DEFAULT_LEAD_MINUTES } from '../domain/subscription.js';
import type { Timeline } from '../domain/timeline.js';
import { nodeCrypto } from '../lazy-crypto.js';
import type { StoreData } from '../store/schema.js';
import { calendarEntry } from './entries.js';
import { icsText } from './ics.js';
import { revisions } from './revisions.js';

/** Which items a calendar holds: as `events` filters them, by country and kind. */
export interface CalendarFilter {
  readonly countries?: readonly string[];
  readonly kinds?: readonly EventKind[];
}

/** At most this many entries a calendar: a feed stays well under a megabyte or two, whatever the store holds. */
export const MAX_FEED_ENTRIES = 2000;
/** How far back a calendar reaches: a year of history, counted from the start of today (UTC). */
export const FEED_HISTORY_DAYS = 365;
const DAY = 86_400_000;

export interface CalendarFeed {
  readonly text: string;
  /** A strong validator of the text (sha-256), quoted as an ETag wants it. */
  readonly etag: string;
  /**
   * The latest change to the store's items or the start of today (UTC), whichever is later (whole seconds, for
   * Last-Modified): the year-long window moves at each UTC midnight, and an item may leave the text then.
   */
  readonly lastModifiedMs: number;
  readonly count: number;
  /** Set when entries were left out because of MAX_FEED_ENTRIES. */
  readonly truncated: boolean;
}

/** The calendar's name as clients show it: "Trade Brief", with the filter. */
export function calendarName(f: CalendarFilter): string {
  const what = [f.countries?.join(', '), f.kinds?.join(', ')].filter(Boolean).join(' · ');
  return what ? `Trade Brief (${what})` : 'Trade Brief';
}

/**
 * The calendar of the timeline for a filter: every item from a year before today on, earliest first, at most
 * MAX_FEED_ENTRIES. It depends only on the store and the day of `nowMs`, so a client polling it gets the same
 * bytes (and ETag) until something changes.
 */
export function buildCalendar(
  data: Readonly<StoreData>,
  timeline: Timeline,
  filter: CalendarFilter,
  nowMs: number,
): CalendarFeed {
  const since = Math.floor(nowMs / DAY) * DAY - FEED_HISTORY_DAYS * DAY;
  const found = timeline.between(
    since,
    Number.POSITIVE_INFINITY,
    { countries: filter.countries, kinds: filter.kinds },
    MAX_FEED_ENTRIES + 1,
  );
  const shown = found.slice(0, MAX_FEED_ENTRIES);
  const revs = revisions(data.audit);
  const fallback = data.seed ? Date.parse(data.seed.appliedAt) : 0;
  const entries = shown.map((item) =>
    calendarEntry(
      item,
      revs.get(item.origin.type === 'measure' ? item.origin.measure.id : item.id),
      fallback,
    ),
  );
  const text = icsText(entries, { name: calendarName(filter), leadMinutes: DEFAULT_LEAD_MINUTES });
  // Any change to the store moves Last-Modified, a removal included (the item is then no longer in the text), and
  // so does each day's move of the window: a client asking If-Modified-Since downloads the calendar again at most
  // once a day when nothing was edited, and never keeps an item that left the window.
  let latest = Math.max(fallback, since + FEED_HISTORY_DAYS * DAY);
  for (const r of revs.values()) latest = Math.max(latest, r.lastAt);
  return {
    text,
    etag: `"${nodeCrypto().createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`,
    lastModifiedMs: Math.floor(latest / 1000) * 1000,
    count: entries.length,
    truncated: found.length > MAX_FEED_ENTRIES,
  };
}
