import ICAL from 'ical.js';
import type { EventStatus } from '../../domain/event.js';
import { isInDateRange, isTimeZone, type Moment } from '../../domain/primitives.js';
import { addDays, localDate, zonedToInstant } from '../../domain/time.js';
import { cleanOrNull, cleanText, httpUrl } from '../../sources/sanitize.js';

/** The most events (VEVENTs) a calendar may hold, and the most occurrences it may have within the window. */
export const MAX_IMPORT_EVENTS = 5000;
/** The largest calendar read, in bytes (the same cap as the official sources). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Steps a recurrence may take to reach the window before it is given up (a minutely rule from 1990). */
const MAX_RECURRENCE_STEPS = 50_000;

/** One event (or one occurrence of a recurring one) read from a calendar, cleaned, with its times placed. */
export interface ImportedEvent {
  /** The event's UID, and for an occurrence the instant (or date) it recurs at. */
  readonly key: string;
  readonly title: string;
  readonly start: Moment;
  readonly end?: Moment;
  readonly startMs: number;
  readonly location: string | null;
  readonly summary: string | null;
  readonly url: string | null;
  readonly status: Extract<EventStatus, 'scheduled' | 'tentative' | 'cancelled'>;
}

export interface ReadCalendar {
  readonly events: ImportedEvent[];
  /** VEVENTs in the file. */
  readonly total: number;
  /** Left out: no start date, or entirely outside the window. */
  readonly undated: number;
  readonly outside: number;
}

export type ReadResult = { ok: true; value: ReadCalendar } | { ok: false; error: string };

interface Window {
  readonly fromMs: number;
  readonly toMs: number;
  /** Zone of times given without one (floating, or a TZID that is not an IANA name) and of all-day dates. */
  readonly zone: string;
}

const fail = (error: string): ReadResult => ({ ok: false, error });

/** The instant of an ical.js time: UTC as is, else its wall clock read in `zone`. */
function instantOf(t: ICAL.Time, zone: string): number {
  if (t.zone?.tzid === 'UTC') return t.toUnixTime() * 1000;
  const local = {
    year: t.year,
    month: t.month,
    day: t.day,
    hour: t.hour,
    minute: t.minute,
    second: t.second,
  };
  return zonedToInstant(local, zone).ms;
}

/** The IANA zone a DTSTART / DTEND names, if it names one this runtime knows. */
function tzidOf(ev: ICAL.Event, prop: 'dtstart' | 'dtend'): string | undefined {
  const tzid = ev.component.getFirstProperty(prop)?.getParameter('tzid');
  return typeof tzid === 'string' && isTimeZone(tzid.replace(/^\//, ''))
    ? tzid.replace(/^\//, '')
    : undefined;
}

const isoDate = (t: ICAL.Time): string =>
  `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

const STATUS: Record<string, ImportedEvent['status']> = { CANCELLED: 'cancelled', TENTATIVE: 'tentative' };

/** One occurrence as an ImportedEvent, or null when its times cannot be placed within 1900-2100. */
function occurrence(
  item: ICAL.Event,
  start: ICAL.Time,
  end: ICAL.Time | null,
  key: string,
  w: Window,
): ImportedEvent | null {
  const startZone = tzidOf(item, 'dtstart') ?? (start.zone?.tzid === 'UTC' ? 'UTC' : w.zone);
  let startMoment: Moment;
  let endMoment: Moment | undefined;
  let startMs: number;
  if (start.isDate) {
    const first = isoDate(start);
    // DTEND of an all-day event is exclusive; the store keeps the last day.
    const last = end?.isDate ? addDays(isoDate(end), -1) : first;
    startMoment = { date: first, timeZone: w.zone };
    endMoment = last > first ? { date: last, timeZone: w.zone } : undefined;
    startMs = zonedToInstant({ year: start.year, month: start.month, day: start.day }, w.zone).ms;
  } else {
    startMs = instantOf(start, startZone);
    startMoment = { at: new Date(startMs).toISOString(), timeZone: startZone };
    if (end && !end.isDate) {
      const endMs = instantOf(end, tzidOf(item, 'dtend') ?? (end.zone?.tzid === 'UTC' ? 'UTC' : startZone));
      if (endMs > startMs) endMoment = { at: new Date(endMs).toISOString(), timeZone: startZone };
    }
  }
  if (!isInDateRange(startMs)) return null;
  const text = (name: string) => {
    const v = item.component.getFirstPropertyValue(name);
    return typeof v === 'string' ? v : v == null ? null : String(v);
  };
  return {
    key,
    title: cleanText(item.summary ?? '', 200) || 'Untitled calendar event',
    start: startMoment,
    end: endMoment,
    startMs,
    location: cleanOrNull(item.location, 200),
    summary: cleanOrNull(item.description, 2000),
    url: httpUrl(text('url')),
    status: STATUS[String(text('status') ?? '').toUpperCase()] ?? 'scheduled',
  };
}

/** The key of an event: its UID (cleaned), and for an occurrence of a recurring one the time it recurs at. */
const keyOf = (uid: string, recurrence?: ICAL.Time): string => {
  const base = cleanText(uid, 300) || 'no-uid';
  return recurrence ? `${base}#${recurrence.toString()}` : base;
};

/**
 * Reads an iCalendar text (ical.js) into the events that happen within the window, recurring ones expanded
 * (RRULE, RDATE, EXDATE and moved occurrences). Refuses, with one line saying why, a text that is not a
 * calendar, holds more than MAX_IMPORT_EVENTS events or occurrences, or has no event with a date. Quotes
 * nothing from the text in its errors.
 */
export function readIcs(text: string, w: Window): ReadResult {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 15)
    .toUpperCase();
  if (!head.startsWith('BEGIN:VCALENDAR'))
    return fail('it is not a calendar: an iCalendar (.ics) file starts with BEGIN:VCALENDAR');
  const declared = (text.match(/^BEGIN:VEVENT\s*$/gim) ?? []).length;
  if (declared > MAX_IMPORT_EVENTS)
    return fail(`it holds ${declared} events; at most ${MAX_IMPORT_EVENTS} are read at once`);
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch {
    return fail('it is not a valid iCalendar (RFC 5545) text: some lines cannot be read');
  }
  const vcal = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar');
  if (!vcal) return fail('it is not a calendar: no VCALENDAR in it');
  const vevents = vcal.getAllSubcomponents('vevent');
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Component[] = [];
  let undated = 0;
  for (const c of vevents) {
    if (!c.getFirstProperty('dtstart')) {
      undated++;
      continue;
    }
    const uid = String(c.getFirstPropertyValue('uid') ?? '');
    if (c.getFirstProperty('recurrence-id')) exceptions.push(c);
    else masters.set(uid || `no-uid-${masters.size}`, new ICAL.Event(c));
  }
  for (const c of exceptions) masters.get(String(c.getFirstPropertyValue('uid') ?? ''))?.relateException(c);
  const events: ImportedEvent[] = [];
  let outside = 0;
  const from = ICAL.Time.fromJSDate(new Date(w.fromMs), true);
  for (const [uid, ev] of masters) {
    try {
      if (!ev.isRecurring()) {
        const one = occurrence(ev, ev.startDate, ev.endDate, keyOf(uid), w);
        if (!one) undated++;
        else if (one.startMs >= w.toMs || endMsOf(one) <= w.fromMs) outside++;
        else events.push(one);
        continue;
      }
      const it = ev.iterator();
      let inside = 0;
      for (let step = 0; step < MAX_RECURRENCE_STEPS; step++) {
        const next = it.next();
        if (!next) break;
        if (next.compare(from) < 0 && instantOf(next, w.zone) < w.fromMs - 86_400_000) continue;
        const d = ev.getOccurrenceDetails(next);
        const one = occurrence(d.item, d.startDate, d.endDate, keyOf(uid, d.recurrenceId), w);
        if (!one || endMsOf(one) <= w.fromMs) continue;
        if (one.startMs >= w.toMs) break;
        events.push(one);
        inside++;
        if (events.length > MAX_IMPORT_EVENTS)
          return fail(
            `it has more than ${MAX_IMPORT_EVENTS} events and occurrences in the window; at most ${MAX_IMPORT_EVENTS} are read at once`,
          );
      }
      if (inside === 0) outside++;
    } catch {
      undated++;
    }
  }
  if (events.length > MAX_IMPORT_EVENTS)
    return fail(
      `it has more than ${MAX_IMPORT_EVENTS} events in the window; at most ${MAX_IMPORT_EVENTS} are read at once`,
    );
  if (vevents.length && undated === vevents.length)
    return fail('none of its events has a date (DTSTART), so there is nothing to propose');
  events.sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
  return { ok: true, value: { events, total: vevents.length, undated, outside } };
}

/** The first instant after an imported event. */
function endMsOf(e: ImportedEvent): number {
  const end = e.end ?? e.start;
  if ('at' in end) return Date.parse(end.at);
  return (
    zonedToInstant(
      {
        year: Number(end.date.slice(0, 4)),
        month: Number(end.date.slice(5, 7)),
        day: Number(end.date.slice(8, 10)),
      },
      end.timeZone ?? 'UTC',
    ).ms + 86_400_000
  );
}

/** The date an imported event starts on, where it happens. */
export const startDateOf = (e: ImportedEvent): string =>
  'date' in e.start ? e.start.date : localDate(e.startMs, e.start.timeZone ?? 'UTC');
