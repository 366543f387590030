import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatInstant,
  localDate,
  startOfDay,
  utcMidnight,
  wallClock,
  zonedToInstant,
  zoneOffsetMinutes,
} from '../../src/domain/time.js';

const at = (iso: string): number => Date.parse(iso);
const local = (date: string, hour: number, minute = 0) => {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return { year, month, day, hour, minute };
};
const instant = (date: string, hour: number, minute: number, zone: string): string =>
  new Date(zonedToInstant(local(date, hour, minute), zone).ms).toISOString();

describe('zonedToInstant across DST transitions', () => {
  // [zone, day before transition, transition day, UTC of 08:00 on the day before, UTC of 08:00 on the day]
  const cases: [string, string, string, string, string][] = [
    ['America/New_York', '2026-03-07', '2026-03-08', '2026-03-07T13:00:00.000Z', '2026-03-08T12:00:00.000Z'],
    ['America/New_York', '2026-10-31', '2026-11-01', '2026-10-31T12:00:00.000Z', '2026-11-01T13:00:00.000Z'],
    ['America/New_York', '2027-03-13', '2027-03-14', '2027-03-13T13:00:00.000Z', '2027-03-14T12:00:00.000Z'],
    ['America/New_York', '2027-11-06', '2027-11-07', '2027-11-06T12:00:00.000Z', '2027-11-07T13:00:00.000Z'],
    ['Europe/Paris', '2026-03-28', '2026-03-29', '2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z'],
    ['Europe/Paris', '2026-10-24', '2026-10-25', '2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z'],
    ['Europe/Paris', '2027-03-27', '2027-03-28', '2027-03-27T07:00:00.000Z', '2027-03-28T06:00:00.000Z'],
    ['Europe/Paris', '2027-10-30', '2027-10-31', '2027-10-30T06:00:00.000Z', '2027-10-31T07:00:00.000Z'],
  ];
  it.each(cases)('%s: 08:00 on %s and %s', (zone, dayBefore, day, beforeUtc, dayUtc) => {
    expect(instant(dayBefore, 8, 0, zone)).toBe(beforeUtc);
    expect(instant(day, 8, 0, zone)).toBe(dayUtc);
    expect(zonedToInstant(local(day, 8), zone).shifted).toBe('none');
  });

  it('moves a time in the New York spring-forward gap to 03:00 local', () => {
    expect(zonedToInstant(local('2026-03-08', 2, 30), 'America/New_York')).toEqual({
      ms: at('2026-03-08T07:00:00Z'),
      shifted: 'gap',
    });
    expect(zonedToInstant(local('2027-03-14', 2, 0), 'America/New_York')).toEqual({
      ms: at('2027-03-14T07:00:00Z'),
      shifted: 'gap',
    });
  });

  it('takes the earlier instant in the New York fall-back overlap', () => {
    expect(zonedToInstant(local('2026-11-01', 1, 30), 'America/New_York')).toEqual({
      ms: at('2026-11-01T05:30:00Z'),
      shifted: 'overlap',
    });
    expect(zonedToInstant(local('2026-11-01', 2, 0), 'America/New_York').shifted).toBe('none');
  });

  it('handles the Paris gap and overlap', () => {
    expect(zonedToInstant(local('2026-03-29', 2, 30), 'Europe/Paris')).toEqual({
      ms: at('2026-03-29T01:00:00Z'),
      shifted: 'gap',
    });
    expect(zonedToInstant(local('2026-10-25', 2, 30), 'Europe/Paris')).toEqual({
      ms: at('2026-10-25T00:30:00Z'),
      shifted: 'overlap',
    });
  });

  it('handles half-hour Asia/Kolkata', () => {
    expect(instant('2026-03-15', 9, 0, 'Asia/Kolkata')).toBe('2026-03-15T03:30:00.000Z');
    expect(instant('2026-03-15', 2, 15, 'Asia/Kolkata')).toBe('2026-03-14T20:45:00.000Z');
    expect(zoneOffsetMinutes(at('2026-07-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('handles southern-hemisphere DST in Australia/Sydney', () => {
    expect(instant('2026-01-15', 9, 0, 'Australia/Sydney')).toBe('2026-01-14T22:00:00.000Z');
    expect(instant('2026-07-15', 9, 0, 'Australia/Sydney')).toBe('2026-07-14T23:00:00.000Z');
    expect(zonedToInstant(local('2026-04-05', 2, 30), 'Australia/Sydney')).toEqual({
      ms: at('2026-04-04T15:30:00Z'),
      shifted: 'overlap',
    });
    expect(zonedToInstant(local('2026-10-04', 2, 30), 'Australia/Sydney')).toEqual({
      ms: at('2026-10-03T16:00:00Z'),
      shifted: 'gap',
    });
  });

  it('handles a skipped calendar day (Samoa, 30 Dec 2011)', () => {
    expect(zonedToInstant(local('2011-12-30', 12), 'Pacific/Apia')).toEqual({
      ms: at('2011-12-30T10:00:00Z'),
      shifted: 'gap',
    });
  });

  const zones = [
    'UTC',
    'America/New_York',
    'Europe/Paris',
    'Europe/London',
    'Asia/Kolkata',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'America/Santiago',
    'Pacific/Auckland',
    'Asia/Kathmandu',
    'Pacific/Chatham',
  ];
  const roundTrip = (ms: number, zone: string): void => {
    const w = wallClock(ms, zone);
    const result = zonedToInstant(
      { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute },
      zone,
    );
    const minute = ms - (ms % 60_000);
    if (result.ms !== minute) {
      // Only the second pass through an overlap may map elsewhere: to the earlier pass.
      expect(result.shifted).toBe('overlap');
      expect(result.ms).toBeLessThan(minute);
      expect(wallClock(result.ms, zone)).toEqual({ ...w, second: 0 });
    } else {
      expect(result.shifted).not.toBe('gap');
    }
  };

  it('round-trips wallClock through zonedToInstant to the minute, except in the second half of an overlap', () => {
    const range = fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2036-01-01T00:00:00Z') - 1 });
    fc.assert(fc.property(range, fc.constantFrom(...zones), roundTrip), { numRuns: 3000 });
  });

  it('round-trips instants within three hours of a transition', () => {
    const transitions: [string, string][] = [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Europe/Paris', '2027-03-28T01:00:00Z'],
      ['Europe/Paris', '2027-10-31T01:00:00Z'],
      ['Australia/Sydney', '2026-04-04T16:00:00Z'],
      ['Australia/Sydney', '2026-10-03T16:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
    ];
    const near = fc.tuple(
      fc.constantFrom(...transitions),
      fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
    );
    fc.assert(
      fc.property(near, ([[zone, iso], delta]) => roundTrip(at(iso) + delta, zone)),
      { numRuns: 2000 },
    );
  });
});

describe('wall clock and dates', () => {
  it('reads the wall clock', () => {
    expect(wallClock(at('2026-03-15T08:00:05Z'), 'Europe/Paris')).toEqual({
      year: 2026,
      month: 3,
      day: 15,
      hour: 9,
      minute: 0,
      second: 5,
      weekday: 0,
    });
    expect(wallClock(at('2026-01-01T04:59:00Z'), 'America/New_York').day).toBe(31);
  });

  it('gives zone offsets in minutes', () => {
    expect(zoneOffsetMinutes(at('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(at('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(at('2026-07-15T12:00:00Z'), 'UTC')).toBe(0);
  });

  it('finds the start of a local day, skipping a midnight gap', () => {
    expect(startOfDay('2026-03-15', 'Europe/Paris')).toBe(at('2026-03-14T23:00:00Z'));
    expect(startOfDay('2026-03-15', 'Asia/Kolkata')).toBe(at('2026-03-14T18:30:00Z'));
    // Brazil skipped midnight to 01:00 on 4 Nov 2018.
    expect(startOfDay('2018-11-04', 'America/Sao_Paulo')).toBe(at('2018-11-04T03:00:00Z'));
    expect(() => startOfDay('15/03/2026', 'UTC')).toThrow(RangeError);
  });

  it('gives local dates and adds days', () => {
    expect(localDate(at('2026-03-15T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-16');
    expect(localDate(at('2026-03-15T03:00:00Z'), 'America/New_York')).toBe('2026-03-14');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });
});

describe('formatInstant', () => {
  const ms = at('2026-03-15T08:00:00Z');
  it('formats date, datetime and time with the zone abbreviation', () => {
    expect(formatInstant(ms, 'Europe/Paris', 'date')).toBe('Sun 15 Mar 2026');
    expect(formatInstant(ms, 'Europe/Paris', 'datetime')).toBe('Sun 15 Mar 2026, 09:00 CET');
    expect(formatInstant(ms, 'Europe/Paris', 'time')).toBe('09:00 CET');
    expect(formatInstant(ms, 'America/New_York', 'datetime')).toBe('Sun 15 Mar 2026, 04:00 EDT');
    expect(formatInstant(ms, 'UTC', 'time')).toBe('08:00 UTC');
    expect(formatInstant(at('2026-07-01T08:00:00Z'), 'Europe/Paris', 'time')).toBe('10:00 CEST');
  });
  it('falls back to a UTC offset when Intl has no abbreviation', () => {
    expect(formatInstant(ms, 'Etc/GMT-3', 'time')).toBe('11:00 UTC+3');
    expect(formatInstant(ms, 'Asia/Kathmandu', 'time')).toMatch(/^13:45 (UTC\+5:45|\S+)$/);
    expect(formatInstant(ms, 'America/Noronha', 'time')).toBe('06:00 UTC-2');
  });
});

describe('UTC without Intl', () => {
  // Etc/UTC is the same zone read through Intl: the oracle for the shortcut taken for 'UTC'.
  const instants = fc.integer({
    min: Date.parse('0001-01-01T00:00:00Z'),
    max: Date.parse('9999-12-31T23:59:59Z'),
  });

  it('reads the same wall clock, offset and text as Intl does', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        expect(wallClock(ms, 'UTC')).toEqual(wallClock(ms, 'Etc/UTC'));
        expect(zoneOffsetMinutes(ms, 'UTC')).toBe(0);
        expect(formatInstant(ms, 'UTC', 'date')).toBe(formatInstant(ms, 'Etc/UTC', 'date'));
        expect(localDate(ms, 'UTC')).toBe(localDate(ms, 'Etc/UTC'));
      }),
      { numRuns: 2000 },
    );
  });

  it('still refuses what Intl cannot read', () => {
    expect(() => wallClock(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => wallClock(8.64e15 + 1, 'UTC')).toThrow(RangeError);
  });
});

describe('utcMidnight', () => {
  it('reads a date as Date.parse reads its UTC midnight, asked once or again', () => {
    const dates = [
      '2026-03-12',
      '2024-02-29',
      '2025-02-29',
      '0001-01-01',
      '0099-12-31',
      '9999-12-31',
      '2026-13-01',
      'nope',
      '',
    ];
    for (const date of [...dates, ...dates]) {
      expect(Object.is(utcMidnight(date), Date.parse(`${date}T00:00:00Z`)), date).toBe(true);
    }
    expect(utcMidnight('2026-03-12')).toBe(Date.UTC(2026, 2, 12));
  });

  it('agrees with Date.parse on any calendar date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (d) => {
          const date = d.toISOString().slice(0, 10);
          expect(utcMidnight(date)).toBe(Date.parse(`${date}T00:00:00Z`));
        },
      ),
    );
  });
});
