import { isAllDay, type Moment } from './primitives.js';
import { addDays, startOfDay } from './time.js';

/** First instant of a moment: the exact time, or local midnight of an all-day date in its zone (UTC if none). */
export function momentStartMs(m: Moment): number {
  return isAllDay(m) ? startOfDay(m.date, m.timeZone ?? 'UTC') : Date.parse(m.at);
}

/** First instant after a moment ends: the exact time, or midnight after an all-day date. */
export function momentEndMs(m: Moment): number {
  return isAllDay(m) ? startOfDay(addDays(m.date, 1), m.timeZone ?? 'UTC') : Date.parse(m.at);
}

/** The zone a moment happens in. */
export const momentZone = (m: Moment): string => m.timeZone ?? 'UTC';
