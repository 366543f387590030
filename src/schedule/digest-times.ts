import type { Subscription } from '../domain/subscription.js';
import { addDays, localDate, zonedToInstant } from '../domain/time.js';

export interface DigestSlot {
  readonly date: string;
  readonly ms: number;
  /** 0 = Sunday … 6 = Saturday, of the local date. */
  readonly weekday: number;
}

const slotInstants = new Map<string, number>();

/** When a wall clock in `zone` shows `clock` on `date`: memoized, as every tick asks again. */
function slotInstant(date: string, clock: string, zone: string): number {
  const key = `${date}|${clock}|${zone}`;
  let ms = slotInstants.get(key);
  if (ms === undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = clock.split(':').map(Number) as [number, number];
    ms = zonedToInstant({ year, month, day, hour, minute }, zone).ms;
    if (slotInstants.size > 100_000) slotInstants.clear();
    slotInstants.set(key, ms);
  }
  return ms;
}

/** `localDate`, memoized in `cache` for the instants of one planning window. */
function dateIn(ms: number, zone: string, cache: Map<string, string>): string {
  const key = `${zone}|${ms}`;
  let date = cache.get(key);
  if (date === undefined) {
    date = localDate(ms, zone);
    cache.set(key, date);
  }
  return date;
}

/**
 * Instants in (fromMs, toMs] when a wall clock in `zone` shows `clock` (HH:MM), with their local dates.
 * A time in a spring-forward gap falls on the first valid minute after it; in a fall-back overlap, once, on the first.
 */
export function digestSlots(
  zone: string,
  clock: string,
  fromMs: number,
  toMs: number,
  dates: Map<string, string> = new Map(),
): DigestSlot[] {
  const out: DigestSlot[] = [];
  const last = dateIn(toMs, zone, dates);
  for (let date = addDays(dateIn(fromMs, zone, dates), -1); date <= last; date = addDays(date, 1)) {
    const ms = slotInstant(date, clock, zone);
    if (ms <= fromMs || ms > toMs) continue;
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    out.push({ date, ms, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() });
  }
  return out;
}

/** A subscription's digest instants in (fromMs, toMs]; `slots` memoizes by zone and time across subscriptions. */
export function digestTimes(
  sub: Subscription,
  fromMs: number,
  toMs: number,
  slots: Map<string, DigestSlot[]> = new Map(),
  dates: Map<string, string> = new Map(),
): { date: string; ms: number; monday: boolean }[] {
  const key = `${sub.timeZone}|${sub.digestTime}`;
  let list = slots.get(key);
  if (!list) {
    list = digestSlots(sub.timeZone, sub.digestTime, fromMs, toMs, dates);
    slots.set(key, list);
  }
  return list
    .filter((s) => !sub.weekdaysOnly || (s.weekday !== 0 && s.weekday !== 6))
    .map((s) => ({ date: s.date, ms: s.ms, monday: s.weekday === 1 }));
}
