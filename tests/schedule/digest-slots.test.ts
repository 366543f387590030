import { describe, expect, it } from 'vitest';
import { localMidnight } from '../../src/domain/moment.js';
import { zoneOffsetMinutes } from '../../src/domain/time.js';
import { digestSlots } from '../../src/schedule/digest-times.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Zones with gaps and overlaps of 30 and 60 minutes, at midnight or at night, and odd offsets. */
const ZONES = [
  'America/New_York',
  'Europe/Paris',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
];
const CLOCKS = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:00', '09:00', '23:30', '23:59'];

/** Instants in 2026 where `zone` changes its offset (found minute-exact by bisection). */
function transitions(zone: string): number[] {
  const out: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let t = start; t < start + 365 * DAY; t += 6 * HOUR) {
    if (zoneOffsetMinutes(t, zone) === zoneOffsetMinutes(t + 6 * HOUR, zone)) continue;
    let lo = t;
    let hi = t + 6 * HOUR;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (zoneOffsetMinutes(mid, zone) === zoneOffsetMinutes(lo, zone)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

describe('digest slots in short windows', () => {
  it('each one-minute tick, and longer windows, around every 2026 clock change finds exactly the slots a whole-day search finds', () => {
    let windows = 0;
    let found = 0;
    for (const zone of ZONES) {
      const around = [...transitions(zone), Date.UTC(2026, 6, 1, 12)];
      for (const at of around) {
        for (const clock of CLOCKS) {
          // Windows of a day or more are worked out in full: the reference.
          const reference = digestSlots(zone, clock, at - 2 * DAY, at + 2 * DAY);
          if (clock === '00:00')
            for (const s of reference) expect(s.ms, `${zone} ${s.date}`).toBe(localMidnight(s.date, zone));
          const expected = (from: number, to: number) =>
            reference.filter((s) => s.ms > from && s.ms <= to).map((s) => s.ms);
          // Each minute from 12 hours before the change to 12 hours after, and windows of up to 7 hours.
          for (let from = at - 12 * HOUR; from < at + 12 * HOUR; from += MINUTE) {
            const got = digestSlots(zone, clock, from, from + MINUTE).map((s) => s.ms);
            expect(got, `${zone} ${clock} (${new Date(from).toISOString()}, +1 min]`).toEqual(
              expected(from, from + MINUTE),
            );
            found += got.length;
            windows++;
          }
          for (let from = at - 8 * HOUR; from < at + 8 * HOUR; from += 37 * MINUTE) {
            const to = from + ((from / MINUTE) % 420) * MINUTE + MINUTE;
            expect(digestSlots(zone, clock, from, to).map((s) => s.ms)).toEqual(expected(from, to));
          }
        }
      }
    }
    expect(windows).toBeGreaterThan(100_000);
    expect(found).toBeGreaterThan(200);
  }, 120_000);
});
