/** Relative-time text between two instants. Nothing here reads the clock. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** From this distance on a countdown is given in whole days. */
const WHOLE_DAYS_FROM = 7 * DAY;

const units: [ms: number, one: string, many: string][] = [
  [DAY, 'day', 'days'],
  [HOUR, 'hour', 'hours'],
  [MINUTE, 'minute', 'minutes'],
];

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Human text for `toMs` seen from `fromMs`: 'in 1 day 4 hours', '45 minutes ago', or 'now' within a minute. */
export function countdown(fromMs: number, toMs: number): string {
  const diff = toMs - fromMs;
  const abs = Math.abs(diff);
  const i = units.findIndex(([size]) => abs >= size);
  const unit = units[i];
  if (unit === undefined) return 'now'; // under a minute (or NaN)
  const [size, one, many] = unit;
  const n = Math.floor(abs / size);
  let text = plural(n, one, many);
  // Two adjacent units at most, the larger first: '1 day 4 hours', never '1 day 30 minutes'; a week or more away,
  // whole days only ('390 days ago'), as hours no longer matter at that distance.
  const next = units[i + 1];
  if (next !== undefined && abs < WHOLE_DAYS_FROM) {
    const m = Math.floor((abs - n * size) / next[0]);
    if (m > 0) text += ` ${plural(m, next[1], next[2])}`;
  }
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

/** Whole 24-hour days from `fromMs` to `toMs`: floored for the future, negative (truncated) for the past. */
export function daysUntil(fromMs: number, toMs: number): number {
  const diff = toMs - fromMs;
  const days = Math.floor(Math.abs(diff) / DAY);
  return diff < 0 && days > 0 ? -days : days;
}
