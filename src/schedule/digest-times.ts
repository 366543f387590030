import type { Subscription } from '../domain/subscription.js';
import { addDays, localDate, wallClock, zonedToInstant } from '../domain/time.js';

/**
 * Digest instants of a subscription in (fromMs, toMs], with their local dates. A time in a
 * spring-forward gap falls on the first valid minute after it; in a fall-back overlap, once, on the first.
 */
export function digestTimes(
  sub: Subscription,
  fromMs: number,
  toMs: number,
): { date: string; ms: number; monday: boolean }[] {
  const [hour, minute] = sub.digestTime.split(':').map(Number) as [number, number];
  const out: { date: string; ms: number; monday: boolean }[] = [];
  const last = localDate(toMs, sub.timeZone);
  for (let date = addDays(localDate(fromMs, sub.timeZone), -1); date <= last; date = addDays(date, 1)) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const { ms } = zonedToInstant({ year, month, day, hour, minute }, sub.timeZone);
    if (ms <= fromMs || ms > toMs) continue;
    const weekday = wallClock(Date.parse(`${date}T12:00:00Z`), 'UTC').weekday;
    if (sub.weekdaysOnly && (weekday === 0 || weekday === 6)) continue;
    out.push({ date, ms, monday: weekday === 1 });
  }
  return out;
}
