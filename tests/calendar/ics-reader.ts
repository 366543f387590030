import ICAL from 'ical.js';

/** One VEVENT as ical.js (an independent parser) reads it back. */
export interface ReadEvent {
  readonly uid: string;
  readonly component: ICAL.Component;
  readonly summary: string;
  readonly description: string;
  readonly sequence: number;
  readonly status: string | undefined;
  readonly categories: string[];
  readonly url: string | undefined;
  readonly location: string | undefined;
  /** DTSTART / DTEND as ical.js gives them: a date (all day) or an instant in UTC. */
  readonly start: ICAL.Time;
  readonly end: ICAL.Time | undefined;
  readonly alarms: string[];
}

/** Reads a calendar's text with ical.js, checking first that every line ends CRLF and is at most 75 octets. */
export function readCalendar(text: string): Map<string, ReadEvent> {
  if (!text.endsWith('\r\n')) throw new Error('the calendar does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  for (const [i, l] of lines.entries()) {
    if (/[\r\n]/.test(l)) throw new Error(`line ${i + 1} holds a bare CR or LF`);
    const octets = Buffer.byteLength(l, 'utf8');
    if (octets > 75) throw new Error(`line ${i + 1} is ${octets} octets long: ${l}`);
  }
  const cal = new ICAL.Component(ICAL.parse(text));
  const out = new Map<string, ReadEvent>();
  for (const ev of cal.getAllSubcomponents('vevent')) {
    const uid = String(ev.getFirstPropertyValue('uid'));
    const text = (name: string) => {
      const v = ev.getFirstPropertyValue(name);
      return v === null || v === undefined ? undefined : String(v);
    };
    out.set(uid, {
      uid,
      component: ev,
      summary: text('summary') ?? '',
      description: text('description') ?? '',
      sequence: Number(ev.getFirstPropertyValue('sequence') ?? 0),
      status: text('status'),
      categories: ev.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      url: text('url'),
      location: text('location'),
      start: ev.getFirstPropertyValue('dtstart') as ICAL.Time,
      end: (ev.getFirstPropertyValue('dtend') as ICAL.Time | null) ?? undefined,
      alarms: ev.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    });
  }
  return out;
}

/** The raw (unfolded) content lines of one VEVENT, for checks on the exact property syntax. */
export function rawLines(text: string, uid: string): string[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const start = unfolded.indexOf(`UID:${uid}`);
  if (start < 0) return [];
  let from = start;
  while (from > 0 && unfolded[from] !== 'BEGIN:VEVENT') from--;
  const to = unfolded.indexOf('END:VEVENT', start);
  return unfolded.slice(from, to + 1);
}
