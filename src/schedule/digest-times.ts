import type { Subscription } from '../domain/subscription.js';
import { addDays, localDate, wallClock, zonedToInstant } from '../domain/time.js';

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

const DAY_MINUTES = 1440;
/** A slot in a spring-forward gap moves to the gap's end: real gaps are 30 to 120 minutes; this bounds them. */
const MOST_SHIFT_MINUTES = 180;
/** Windows this long or longer are worked out in full (a wall clock may go round the dial within them). */
const FILTER_WINDOW_MS = 20 * 3_600_000;

/** The wall clock of a zone at an instant: minutes after its midnight, and its offset from UTC in minutes. */
interface Wall {
  readonly minute: number;
  readonly offset: number;
}

/** Planning-window memos: local dates, and wall clocks by instant, then zone. */
export interface WindowMemo {
  readonly dates: Map<string, string>;
  readonly walls: Map<number, Map<string, Wall>>;
}

export const windowMemo = (): WindowMemo => ({ dates: new Map(), walls: new Map() });

function wallAt(ms: number, zone: string, cache: WindowMemo['walls']): Wall {
  let byZone = cache.get(ms);
  if (byZone === undefined) {
    byZone = new Map();
    cache.set(ms, byZone);
  }
  let wall = byZone.get(zone);
  if (wall === undefined) {
    const w = wallClock(ms, zone);
    const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    wall = { minute: w.hour * 60 + w.minute, offset: Math.round((wallAsUtc - ms) / 60_000) };
    byZone.set(zone, wall);
  }
  return wall;
}

const clockMinutes = new Map<string, number>();

/** `HH:MM` as minutes after midnight (there are at most 1,440 distinct ones). */
function minutesOf(clock: string): number {
  let minutes = clockMinutes.get(clock);
  if (minutes === undefined) {
    const [hour = 0, minute = 0] = clock.split(':').map(Number);
    minutes = hour * 60 + minute;
    if (clockMinutes.size > 2_000) clockMinutes.clear();
    clockMinutes.set(clock, minutes);
  }
  return minutes;
}

/**
 * False only when no `clock` slot can fall in (fromMs, toMs]. A slot's instant shows `clock` on the wall, or
 * up to a gap later (gaps only move it forward). While a zone's clock only runs or jumps forward, every
 * instant of the window shows a time on the arc of the dial from the wall time at its start to the one at its
 * end; so a slot can fall in the window only if that arc meets [clock, clock + gap]. A window in which the
 * clock is set back (its offset is lower at the end), or a long one, is worked out in full. A one-minute tick
 * so skips almost every (zone, time) pair without working out dates. (A clock set back and then forward again
 * within one window of under 20 hours would escape the check; no zone does that.)
 */
export function mayFall(
  zone: string,
  clock: string,
  fromMs: number,
  toMs: number,
  walls: WindowMemo['walls'],
): boolean {
  if (toMs - fromMs >= FILTER_WINDOW_MS) return true;
  const start = wallAt(fromMs, zone, walls);
  const end = wallAt(toMs, zone, walls);
  if (end.offset < start.offset) return true;
  const seen = (end.minute - start.minute + DAY_MINUTES) % DAY_MINUTES;
  const c = minutesOf(clock);
  return (
    (c - start.minute + DAY_MINUTES) % DAY_MINUTES <= seen ||
    (start.minute - c + DAY_MINUTES) % DAY_MINUTES <= MOST_SHIFT_MINUTES
  );
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
  memo: WindowMemo = windowMemo(),
): DigestSlot[] {
  const out: DigestSlot[] = [];
  if (!mayFall(zone, clock, fromMs, toMs, memo.walls)) return out;
  const { dates } = memo;
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
  memo: WindowMemo = windowMemo(),
): { date: string; ms: number; monday: boolean }[] {
  const key = `${sub.timeZone}|${sub.digestTime}`;
  let list = slots.get(key);
  if (!list) {
    list = digestSlots(sub.timeZone, sub.digestTime, fromMs, toMs, memo);
    slots.set(key, list);
  }
  return list
    .filter((s) => !sub.weekdaysOnly || (s.weekday !== 0 && s.weekday !== 6))
    .map((s) => ({ date: s.date, ms: s.ms, monday: s.weekday === 1 }));
}
