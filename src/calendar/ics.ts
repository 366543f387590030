import ical, { ICalAlarmType, ICalEventStatus } from 'ical-generator';
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
 * The entries as one RFC 5545 calendar (ical-generator writes it: CRLF line ends, lines folded at 75 octets,
 * text escaped). All-day entries are VALUE=DATE with an exclusive DTEND; exact ones are in UTC. Ends with CRLF.
 */
export function icsText(entries: readonly CalendarEntry[], o: IcsOptions): string {
  const cal = ical({
    name: o.name,
    prodId: { company: 'Trade Brief', product: 'trade-brief', language: 'EN' },
    ttl: (o.refreshMinutes ?? 60) * 60,
  });
  for (const e of entries) {
    const time =
      e.time.allDay === true
        ? { allDay: true, start: utcDate(e.time.startDate), end: utcDate(e.time.endDate) }
        : {
            start: new Date(e.time.startMs),
            end: e.time.endMs === undefined ? null : new Date(e.time.endMs),
          };
    cal.createEvent({
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
          : o.leadMinutes.map((m) => ({
              type: ICalAlarmType.display,
              trigger: m * 60,
              description: `Reminder: ${e.title}`,
            })),
    });
  }
  // ical-generator leaves the last line without its CRLF; RFC 5545 ends every content line with one.
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
