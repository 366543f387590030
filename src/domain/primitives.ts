import { z } from 'zod';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const countryCodes = new Map<string, boolean>();

/** True when `code` is an ISO 3166-1 alpha-2 region (or EU) that Intl knows by name (answers cached). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  let known = countryCodes.get(code);
  if (known === undefined) {
    try {
      const name = regionNames.of(code);
      // Unassigned codes come back as themselves; ZZ and the private-use X* codes have placeholder names.
      known =
        name !== undefined && name !== code && code !== 'ZZ' && !(code.startsWith('X') && code !== 'XK');
    } catch {
      known = false;
    }
    countryCodes.set(code, known); // at most 26 × 26 codes
  }
  return known;
}

const countryNames = new Map<string, string>();

/** English name of a country code, or the code itself (answers cached: lists repeat the same countries). */
export function countryName(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) {
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      name = code;
    }
    if (countryNames.size > 10_000) countryNames.clear();
    countryNames.set(code, name);
  }
  return name;
}

const zoneChecks = new Map<string, boolean>();

/** True when `zone` is an IANA time-zone name this runtime knows (answers cached: stores hold 100,000 items). */
export function isTimeZone(zone: string): boolean {
  let ok = zoneChecks.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0 && zone !== 'Local';
    } catch {
      ok = false;
    }
    if (zoneChecks.size < 10_000) zoneChecks.set(zone, ok);
  }
  return ok;
}

export const CountryCode = z
  .string()
  .refine(isCountryCode, { message: 'must be an ISO 3166 alpha-2 country code such as US, CN or EU' });

export const TimeZone = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time zone such as America/New_York or Europe/Paris' });

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like paris-talks-2026')
  .max(80);

/**
 * Dates the bot accepts anywhere (typed, forms, seed, store): the years 1900 to 2100. Wide enough for
 * trade history (Smoot-Hawley 1930, GATT 1947, Section 232 in 1962) and any deadline people plan for;
 * narrow enough that every date, a day either side and any zone stays a four-digit year.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;
export const DATE_RANGE = `${EARLIEST_YEAR}-01-01 to ${LATEST_YEAR}-12-31`;
const DAY_MS = 86_400_000;
const FIRST_MS = Date.UTC(EARLIEST_YEAR, 0, 1) - DAY_MS;
const AFTER_LAST_MS = Date.UTC(LATEST_YEAR + 1, 0, 1) + DAY_MS;

/** True when `ms` is an instant on a date within DATE_RANGE in some time zone (a day of slack either side). */
export const isInDateRange = (ms: number): boolean => ms >= FIRST_MS && ms < AFTER_LAST_MS;

/** True when a year is within DATE_RANGE. */
export const isYearInRange = (year: number): boolean => year >= EARLIEST_YEAR && year <= LATEST_YEAR;

const OUT_OF_RANGE = `must be a date from ${DATE_RANGE}`;

export const Instant = z.iso
  .datetime({ offset: true })
  // A malformed text already has its issue; only a well-formed one is checked for range.
  .refine((s) => Number.isNaN(Date.parse(s)) || isInDateRange(Date.parse(s)), { message: OUT_OF_RANGE });
export const IsoDate = z.iso
  .date()
  .refine((s) => !/^\d{4}-/.test(s) || isYearInRange(Number(s.slice(0, 4))), { message: OUT_OF_RANGE });

export const Confidence = z.enum(['confirmed', 'reported', 'unverified']);
export type Confidence = z.infer<typeof Confidence>;

export const Source = z.object({
  title: z.string().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }),
});
export type Source = z.infer<typeof Source>;

/** A point in time: an exact instant with the zone of the place, or an all-day date. */
export const Moment = z.union([
  z.strictObject({ at: Instant, timeZone: TimeZone }),
  z.strictObject({ date: IsoDate, timeZone: TimeZone.optional() }),
]);
export type Moment = z.infer<typeof Moment>;
export type ExactMoment = Extract<Moment, { at: string }>;
export type DayMoment = Extract<Moment, { date: string }>;

export const isAllDay = (m: Moment): m is DayMoment => 'date' in m;
