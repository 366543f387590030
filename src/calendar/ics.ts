import ical, { ICalAlarmType, type ICalCalendar, ICalEventStatus } from 'ical-generator';
import type { CalendarEntry } from './entries.js';

export interface IcsOptions {
  /** The calendar's name, as clients show it (NAME, X-WR-CALNAME). */
  readonly name: string;
  /** Reminder lead times, in minutes before each entry's start: one VALARM each (none on cancelled entries). */
  readonly leadMinutes: readonly number[];
  /** How often clients should poll, in minutes (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  readonly refreshMinutes?: number;
}

const STATUS = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
} as const;

const utcDate = (date: string): Date => new Date(`${date}T00:00:00Z`);

/**
 * Content lines folded at 75 octets (RFC 5545 3.1): a continuation starts with a space, and no UTF-8 sequence is
 * split. ical-generator folds the same way, but by encoding each character on its own (20 s for 2,000 events);
 * this counts octets from code points in one pass.
 */
export function fold(lines: string): string {
  const out: string[] = [];
  for (const line of lines.split('\r\n')) {
    // Short enough even at 4 octets a character, or within 75 octets: as it is.
    if (line.length <= 18 || (line.length <= 75 && Buffer.byteLength(line, 'utf8') <= 75)) {
      out.push(line);
      continue;
    }
    let current = '';
    let octets = 0;
    for (const ch of line) {
      const cp = ch.codePointAt(0) ?? 0;
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        out.push(current);
        current = ' ';
        octets = 1;
      }
      current += ch;
      octets += size;
    }
    out.push(current);
  }
  return out.join('\r\n');
}

/** One VEVENT, folded, ending CRLF: written by ical-generator on `cal` (escaping, dates, alarms). */
function vevent(cal: ICalCalendar, e: CalendarEntry, leadMinutes: readonly number[]): string {
  const time =
    e.time.allDay === true
      ? { allDay: true, start: utcDate(e.time.startDate), end: utcDate(e.time.endDate) }
      : { start: new Date(e.time.startMs), end: e.time.endMs === undefined ? null : new Date(e.time.endMs) };
  const event = cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp: new Date(e.stampMs),
    lastModified: new Date(e.stampMs),
    ...time,
    summary: e.title,
    description: e.description,
    location: e.location ?? null,
    url: e.url ?? null,
    categories: e.categories.map((name) => ({ name })),
    status: STATUS[e.status],
    alarms:
      e.status === 'CANCELLED'
        ? []
        : leadMinutes.map((m) => ({
            type: ICalAlarmType.display,
            trigger: m * 60,
            description: `Reminder: ${e.title}`,
          })),
  });
  return `${fold(event.toString().replace(/\r\n$/, ''))}\r\n`;
}

/** Folded VEVENT texts by entry (as JSON, with the leads): an unchanged item is written once, not on every poll. */
const written = new Map<string, string>();
const MAX_WRITTEN = 20_000;

/**
 * The entries as one RFC 5545 calendar, written by ical-generator: CRLF line ends, lines folded at 75 octets, text
 * escaped. All-day entries are VALUE=DATE with an exclusive DTEND; exact ones are in UTC. Ends with CRLF.
 */
export function icsText(entries: readonly CalendarEntry[], o: IcsOptions): string {
  const cal = ical({
    name: o.name,
    prodId: { company: 'Trade Brief', product: 'trade-brief', language: 'EN' },
    ttl: (o.refreshMinutes ?? 60) * 60,
  });
  const head = fold(cal.toString()).replace(/END:VCALENDAR$/, '');
  const parts = [head];
  for (const e of entries) {
    const key = JSON.stringify([e, o.leadMinutes]);
    let text = written.get(key);
    if (text === undefined) {
      text = vevent(cal, e, o.leadMinutes);
      if (written.size >= MAX_WRITTEN) written.clear();
      written.set(key, text);
    }
    parts.push(text);
  }
  parts.push('END:VCALENDAR\r\n');
  return parts.join('');
}
