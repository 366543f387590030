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

export const Instant = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

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
