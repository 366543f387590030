/** Parsers for command values; every error says what is valid and gives an example. */
import { DATE_RANGE, isTimeZone, isYearInRange } from '../domain/primitives.js';
import { zonedToInstant, zoneOffsetMinutes } from '../domain/time.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
export type DateTimeValue = { ms: number; zone: string; allDay: boolean; date?: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

const MAX_DURATION_MINUTES = 365 * 24 * 60;
const DURATION_RE = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/i;
const DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}(?::?\d{2})?)?)?(?:\s+(\S+))?$/i;
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** Parses '7d', '36h', '90m', '2w' or '1d12h' (any case) into minutes, from 1 minute to 365 days. */
export function parseDuration(text: string): Result<number> {
  const t = text.trim();
  const m = DURATION_RE.exec(t);
  if (t === '' || m === null) {
    return fail(`\`${text}\` is not a duration: use a number with d, h or m, e.g. 7d, 36h or 90m`);
  }
  const [w = 0, d = 0, h = 0, min = 0] = m.slice(1).map((n) => Number(n ?? 0));
  const minutes = ((w * 7 + d) * 24 + h) * 60 + min;
  if (minutes === 0) return fail(`\`${text}\` is too short: use at least 1 minute, e.g. 90m`);
  if (minutes > MAX_DURATION_MINUTES) return fail(`\`${text}\` is too long: use at most 365 days, e.g. 30d`);
  return ok(minutes);
}

/** IANA names spelt in capitals (links the runtime resolves to another name, e.g. EST to America/Panama). */
const CAPITAL_ZONES =
  /^(CET|CST6CDT|EET|EST|EST5EDT|GMT0?|HST|MET|MST|MST7MDT|NZ|PRC|PST8PDT|ROC|ROK|UCT|UTC|WET)$/i;

/** A valid IANA zone in its usual spelling: the runtime's if only case differs, EST for est, else title-cased (asia/kolkata). */
export function zoneName(zone: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === zone.toLowerCase()) return resolved;
  if (CAPITAL_ZONES.test(zone)) return zone.toUpperCase();
  return zone
    .toLowerCase()
    .replace(/(^|[/_])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

const badZone = (zone: string): string =>
  `\`${zone}\` is not a time zone: use an IANA name such as Europe/Paris or America/New_York`;

const badTime = (time: string): string =>
  `\`${time}\` is not a time: use 24-hour HH:MM from 00:00 to 23:59, e.g. 09:00`;

/** Offset text 'Z', '+05', '-0500' or '-05:00' in minutes, or undefined when out of range. */
function offsetMinutes(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

const outOfRange = (text: string, name: string | undefined): string =>
  `${name ? `\`${name}\` must be a date from ${DATE_RANGE}` : `Dates must be from ${DATE_RANGE}`}; \`${text}\` is outside that range`;

/**
 * Parses '2026-03-15' (all day), '2026-03-15 09:00 [Zone]', '2026-03-15T09:00[:00]' with optional Z or ±hh:mm,
 * within DATE_RANGE; `name` is the option named in a range error.
 */
export function parseDateTime(text: string, defaultZone: string, name?: string): Result<DateTimeValue> {
  const m = DATETIME_RE.exec(text.trim());
  if (m === null || Number(m[1]) < 1000) {
    return fail(
      `\`${text}\` is not a date: use YYYY-MM-DD, optionally with a 24-hour time and a zone, e.g. 2026-03-15 or 2026-03-15 09:00 Europe/Paris`,
    );
  }
  const [, y, mo, d, hh, mm, ss, offset, zoneText] = m;
  const zoneGiven = zoneText ?? defaultZone;
  if (zoneText !== undefined && !/[a-z]/i.test(zoneText)) return fail(badTime(zoneText));
  if (!isTimeZone(zoneGiven)) return fail(badZone(zoneGiven));
  const zone = zoneName(zoneGiven);
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (!isYearInRange(year)) return fail(outOfRange(text.trim(), name));
  if (month < 1 || month > 12) {
    return fail(`\`${text}\` is not a real date: months run from 01 to 12, e.g. 2026-03-15`);
  }
  const monthDays = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > monthDays) {
    return fail(
      `\`${text}\` is not a real date: ${monthName.format(Date.UTC(2000, month - 1, 1))} ${year} has days 01 to ${monthDays}, e.g. ${y}-${mo?.padStart(2, '0')}-01`,
    );
  }
  const date = `${y}-${mo?.padStart(2, '0')}-${d?.padStart(2, '0')}`;
  if (hh === undefined) {
    return ok({ ms: zonedToInstant({ year, month, day }, zone).ms, zone, allDay: true, date });
  }
  const [hour, minute, second] = [Number(hh), Number(mm), Number(ss ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) {
    return fail(badTime(`${hh}:${mm}${ss === undefined ? '' : `:${ss}`}`));
  }
  if (offset === undefined) {
    return ok({
      ms: zonedToInstant({ year, month, day, hour, minute, second }, zone).ms,
      zone,
      allDay: false,
    });
  }
  const offsetMin = offsetMinutes(offset);
  if (offsetMin === undefined) return fail(`\`${offset}\` is not a UTC offset: use Z or ±HH:MM, e.g. -05:00`);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  if (zoneText !== undefined && zoneOffsetMinutes(ms, zone) !== offsetMin) {
    return fail(
      `\`${offset}\` does not match ${zone} at that time: give either the offset or the zone, e.g. 2026-03-15T09:00 ${zone}`,
    );
  }
  return ok({ ms, zone, allDay: false });
}

/** Parses a whole number in [min, max]; the error names the option and shows `example`. */
export function parseIntInRange(
  text: string,
  min: number,
  max: number,
  name: string,
  example: string,
): Result<number> {
  const t = text.trim();
  const n = /^[+-]?\d{1,15}$/.test(t) ? Number(t) : Number.NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return ok(Object.is(n, -0) ? 0 : n);
  return fail(`\`${name}\` must be a whole number from ${min} to ${max}, e.g. \`${example}\``);
}
