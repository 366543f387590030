import { isAllDay, type Moment } from './primitives.js';
import { addDays, startOfDay } from './time.js';

const midnights = new Map<string, number>();

/** Local midnight of a date in a zone, memoized: timelines of 100,000 items repeat the same dates. */
export function localMidnight(date: string, zone: string): number {
  const key = `${date}|${zone}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    ms = startOfDay(date, zone);
    if (midnights.size > 200_000) midnights.clear();
    midnights.set(key, ms);
  }
  return ms;
}

// Starts by moment identity: stored moments are replaced, never changed, so a moment's start never changes.
const starts = new WeakMap<Moment, number>();

/** First instant of a moment: the exact time, or local midnight of an all-day date in its zone (UTC if none). */
export function momentStartMs(m: Moment): number {
  let ms = starts.get(m);
  if (ms === undefined) {
    ms = isAllDay(m) ? localMidnight(m.date, m.timeZone ?? 'UTC') : Date.parse(m.at);
    starts.set(m, ms);
  }
  return ms;
}

/** First instant after a moment ends: the exact time, or midnight after an all-day date. */
export function momentEndMs(m: Moment): number {
  return isAllDay(m) ? localMidnight(addDays(m.date, 1), m.timeZone ?? 'UTC') : Date.parse(m.at);
}

/** The zone a moment happens in. */
export const momentZone = (m: Moment): string => m.timeZone ?? 'UTC';
