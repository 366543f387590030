/** Time-zone arithmetic on epoch milliseconds with Intl only; unknown zones throw RangeError. Never reads the clock. */

export type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'weekday', number>;
export type LocalTime = Pick<WallClock, 'year' | 'month' | 'day'> &
  Partial<Pick<WallClock, 'hour' | 'minute' | 'second'>>;
export type Shift = 'none' | 'gap' | 'overlap';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN', 'en-ZA', 'en-SG'] as const;
const WALL_RE = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const wallFormats = new Map<string, Intl.DateTimeFormat>();
const zoneNames = new Map<string, string>();

/** Date.UTC without its two-digit-year quirk (years 0-99 map to 1900-1999); 400 years are exactly 146097 days. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 0 && year < 100)
    return Date.UTC(year + 400, month - 1, day, hour, minute, second) - 146_097 * DAY;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function wallFormat(zone: string): Intl.DateTimeFormat {
  let f = wallFormats.get(zone);
  if (f === undefined) {
    const n = 'numeric';
    const options = { year: n, month: n, day: n, hour: n, minute: n, second: n } as const;
    f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone, hourCycle: 'h23' });
    wallFormats.set(zone, f);
  }
  return f;
}

/** UTC has no offset and no transitions: its wall clock is Date's UTC fields, without a round trip through Intl. */
function readUtc(ms: number): [WallClock, number] | undefined {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  // Years outside 1-9999 take the Intl path, which refuses what it cannot read, as before.
  if (!(year >= 1 && year <= 9999)) return undefined;
  const [month, day, hour] = [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours()];
  return [
    { year, month, day, hour, minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() },
    0,
  ];
}

/** Wall-clock fields in `zone` at `ms` and the zone's exact offset from UTC in ms (historical seconds included). */
function read(ms: number, zone: string): [WallClock, number] {
  if (zone === 'UTC') {
    const fast = readUtc(ms);
    if (fast) return fast;
  }
  const m = WALL_RE.exec(wallFormat(zone).format(ms));
  if (m === null) throw new RangeError(`cannot read the wall clock of ${zone} at ${ms}`);
  const [month = 1, day = 1, year = 0, h = 0, minute = 0, second = 0] = m.slice(1).map(Number);
  const hour = h % 24;
  const wallAsUtc = utc(year, month, day, hour, minute, second);
  const weekday = (((Math.floor(wallAsUtc / DAY) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return [{ year, month, day, hour, minute, second, weekday }, wallAsUtc - Math.floor(ms / 1000) * 1000];
}

const offsetMs = (ms: number, zone: string): number => read(ms, zone)[1];

/** Calendar fields of the wall clock in `zone` at instant `ms` (month 1-12, weekday 0 = Sunday). */
export function wallClock(ms: number, zone: string): WallClock {
  return read(ms, zone)[0];
}

/** Offset of `zone` from UTC in minutes at instant `ms`, e.g. -300 for New York in winter. */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  return Math.round(offsetMs(ms, zone) / MINUTE);
}

/** The instant when the wall clock in `zone` shows `local`; gaps move forward past the gap, overlaps take the earlier instant. */
export function zonedToInstant(local: LocalTime, zone: string): { ms: number; shifted: Shift } {
  const wall = utc(local.year, local.month, local.day, local.hour, local.minute, local.second);
  const before = offsetMs(wall - DAY, zone);
  const after = offsetMs(wall + DAY, zone);
  if (before === after) return { ms: wall - before, shifted: 'none' };
  const valid = [wall - before, wall - after]
    .filter((ms) => offsetMs(ms, zone) === wall - ms)
    .sort((a, b) => a - b);
  const first = valid[0];
  if (first !== undefined) return { ms: first, shifted: valid.length > 1 ? 'overlap' : 'none' };
  // Gap: the transition lies between the two candidates; binary-search its exact instant.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const startOffset = offsetMs(lo, zone);
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetMs(mid, zone) === startOffset) lo = mid;
    else hi = mid;
  }
  return { ms: hi, shifted: 'gap' };
}

function parseDate(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (m === null) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Epoch ms of local midnight of `date` (YYYY-MM-DD) in `zone`, or the first instant of that day if midnight is skipped. */
export function startOfDay(date: string, zone: string): number {
  const [year, month, day] = parseDate(date);
  return zonedToInstant({ year, month, day }, zone).ms;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// Answers per zone and instant: a reply asks for the dates of the same items' starts and of "now" again and
// again (itemCountdown asks for both, in turn, per item), and an instant's local date never changes.
const localDates = new Map<string, Map<number, string>>();
const LOCAL_DATES_PER_ZONE = 4_096;
/** Zones remembered at once: with the per-zone cap, at most about 260k answers (some 25 MB) are kept. */
const LOCAL_DATE_ZONES = 64;

/** The calendar date (YYYY-MM-DD) in `zone` at instant `ms`. */
export function localDate(ms: number, zone: string): string {
  let dates = localDates.get(zone);
  const known = dates?.get(ms);
  if (known !== undefined) return known;
  const w = wallClock(ms, zone);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  if (!dates) {
    if (localDates.size >= LOCAL_DATE_ZONES) localDates.clear();
    dates = new Map();
    localDates.set(zone, dates);
  } else if (dates.size >= LOCAL_DATES_PER_ZONE) dates.clear();
  dates.set(ms, date);
  return date;
}

const utcMidnights = new Map<string, number>();
const UTC_MIDNIGHTS = 100_000;

/**
 * Epoch ms of 00:00 UTC on `date` (YYYY-MM-DD) as `Date.parse(`${date}T00:00:00Z`)` reads it (NaN when it is no
 * date). A pure function, memoized: countdowns ask for the same dates on every answer.
 */
export function utcMidnight(date: string): number {
  let ms = utcMidnights.get(date);
  if (ms === undefined) {
    ms = Date.parse(`${date}T00:00:00Z`);
    if (utcMidnights.size >= UTC_MIDNIGHTS) utcMidnights.clear();
    utcMidnights.set(date, ms);
  }
  return ms;
}

/** The ISO date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  const [year, month, day] = parseDate(date);
  const d = new Date(utc(year, month, day + n));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function offsetName(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const mins = abs % 60 === 0 ? '' : `:${pad(abs % 60)}`;
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(abs / 60)}${mins}`;
}

/** Short name of `zone` at `ms`, e.g. CET, EDT or AEDT, else a UTC+1 style offset (`offset` in ms if known). */
export function zoneAbbreviation(ms: number, zone: string, offset = offsetMs(ms, zone)): string {
  const minutes = Math.round(offset / MINUTE);
  const key = `${zone}|${minutes}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    name = offsetName(minutes);
    for (const locale of NAME_LOCALES) {
      const format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
      const short = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
      if (short !== undefined && !/^(GMT|UTC)[+\-−]/.test(short)) {
        name = short;
        break;
      }
    }
    zoneNames.set(key, name);
  }
  return name;
}

/** Unambiguous English text for `ms` in `zone`: 'Sun 15 Mar 2026', 'Sun 15 Mar 2026, 09:00 CET' or '09:00 CET'. */
export function formatInstant(ms: number, zone: string, style: 'date' | 'datetime' | 'time'): string {
  const [w, offset] = read(ms, zone);
  const date = `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]} ${w.year}`;
  if (style === 'date') return date;
  const time = `${pad(w.hour)}:${pad(w.minute)} ${zoneAbbreviation(ms, zone, offset)}`;
  return style === 'time' ? time : `${date}, ${time}`;
}
