import { describe, expect, it } from 'vitest';
import { parseDateTime, parseDuration, parseIntInRange } from '../../src/commands/values.js';

const DAY = 24 * 60;
const at = (iso: string): number => Date.parse(iso);

describe('parseDuration', () => {
  it.each([
    ['7d', 7 * DAY],
    ['36h', 36 * 60],
    ['90m', 90],
    ['2w', 14 * DAY],
    ['1d12h', DAY + 12 * 60],
    ['1D12H', DAY + 12 * 60],
    ['1h30m', 90],
    [' 45M ', 45],
    ['365d', 365 * DAY],
    ['1m', 1],
  ])('%j is %d minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: minutes });
  });

  it.each(['', 'abc', '7', '7 d', '1h1d', '1.5d', '-3d', 'd', '7days', '7d!'])('rejects %j', (text) => {
    expect(parseDuration(text)).toEqual({
      ok: false,
      error: `\`${text}\` is not a duration: use a number with d, h or m, e.g. 7d, 36h or 90m`,
    });
  });

  it.each([
    ['0d', 'too short'],
    ['0h0m', 'too short'],
    ['366d', 'too long'],
    ['365d1m', 'too long'],
    ['53w', 'too long'],
    ['99999999999999999999d', 'too long'],
  ])('rejects %j as %s', (text, why) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`^\`${text}\` is ${why}: .*e\\.g\\. \\d+[dm]$`));
  });
});

describe('parseDateTime', () => {
  const ny = 'America/New_York';
  it.each([
    ['2026-03-15', { ms: at('2026-03-15T04:00:00Z'), zone: ny, allDay: true, date: '2026-03-15' }],
    ['2026-3-5', { ms: at('2026-03-05T05:00:00Z'), zone: ny, allDay: true, date: '2026-03-05' }],
    [
      '2026-03-15 Europe/Paris',
      { ms: at('2026-03-14T23:00:00Z'), zone: 'Europe/Paris', allDay: true, date: '2026-03-15' },
    ],
    ['2028-02-29', { ms: at('2028-02-29T05:00:00Z'), zone: ny, allDay: true, date: '2028-02-29' }],
    ['2026-03-15 09:00', { ms: at('2026-03-15T13:00:00Z'), zone: ny, allDay: false }],
    ['2026-03-15 9:00', { ms: at('2026-03-15T13:00:00Z'), zone: ny, allDay: false }],
    [
      '2026-03-15 09:00 Europe/Paris',
      { ms: at('2026-03-15T08:00:00Z'), zone: 'Europe/Paris', allDay: false },
    ],
    [
      '2026-03-15 09:00 europe/paris',
      { ms: at('2026-03-15T08:00:00Z'), zone: 'Europe/Paris', allDay: false },
    ],
    [
      '2026-03-15 09:00 asia/kolkata',
      { ms: at('2026-03-15T03:30:00Z'), zone: 'Asia/Kolkata', allDay: false },
    ],
    ['2026-03-15T09:00', { ms: at('2026-03-15T13:00:00Z'), zone: ny, allDay: false }],
    ['2026-03-15T09:00:30', { ms: at('2026-03-15T13:00:30Z'), zone: ny, allDay: false }],
    ['2026-03-15T09:00Z', { ms: at('2026-03-15T09:00:00Z'), zone: ny, allDay: false }],
    ['2026-03-15T09:00:00-05:00', { ms: at('2026-03-15T14:00:00Z'), zone: ny, allDay: false }],
    ['2026-03-15T09:00+0530', { ms: at('2026-03-15T03:30:00Z'), zone: ny, allDay: false }],
    ['2026-03-15T09:00+01', { ms: at('2026-03-15T08:00:00Z'), zone: ny, allDay: false }],
    ['2026-03-15T09:00-04:00 America/New_York', { ms: at('2026-03-15T13:00:00Z'), zone: ny, allDay: false }],
    // 02:30 does not exist on the spring-forward day: the first valid minute after the gap.
    ['2026-03-08 02:30', { ms: at('2026-03-08T07:00:00Z'), zone: ny, allDay: false }],
  ])('%j', (text, value) => {
    expect(parseDateTime(text, ny)).toEqual({ ok: true, value });
  });

  it.each([
    ['today', '`today` is not a date: use YYYY-MM-DD'],
    ['tomorrow', '`tomorrow` is not a date: use YYYY-MM-DD'],
    ['15/03/2026', '`15/03/2026` is not a date: use YYYY-MM-DD'],
    ['2026-03-15 09', '`09` is not a time: use 24-hour HH:MM'],
    ['2026-03-15 9.30', '`9.30` is not a time'],
    ['0999-01-01', 'is not a date: use YYYY-MM-DD'],
    ['2026-02-30', '`2026-02-30` is not a real date: February 2026 has days 01 to 28, e.g. 2026-02-01'],
    ['2028-02-30', 'February 2028 has days 01 to 29'],
    ['2026-04-31', 'April 2026 has days 01 to 30'],
    ['2026-13-01', '`2026-13-01` is not a real date: months run from 01 to 12'],
    ['2026-00-10', 'months run from 01 to 12'],
    ['2026-03-15 25:00', '`25:00` is not a time: use 24-hour HH:MM from 00:00 to 23:59, e.g. 09:00'],
    ['2026-03-15 09:60', '`09:60` is not a time'],
    ['2026-03-15T09:00:61', '`09:00:61` is not a time'],
    [
      '2026-03-15 09:00 Mars/Base',
      '`Mars/Base` is not a time zone: use an IANA name such as Europe/Paris or America/New_York',
    ],
    ['2026-03-15T09:00+24:00', '`+24:00` is not a UTC offset: use Z or ±HH:MM, e.g. -05:00'],
    ['2026-03-15T09:00-05:00 America/New_York', '`-05:00` does not match America/New_York'],
  ])('rejects %j', (text, error) => {
    const r = parseDateTime(text, ny);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });

  it('rejects an unknown default zone', () => {
    expect(parseDateTime('2026-03-15', 'Mars/Base')).toEqual({
      ok: false,
      error: '`Mars/Base` is not a time zone: use an IANA name such as Europe/Paris or America/New_York',
    });
  });
});

describe('parseIntInRange', () => {
  const parse = (text: string) => parseIntInRange(text, 1, 365, 'days', '/trade deadlines days:30');
  it.each([
    ['30', 30],
    ['1', 1],
    ['365', 365],
    [' 7 ', 7],
    ['+5', 5],
    ['007', 7],
  ])('%j is %d', (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value });
  });

  it.each(['0', '366', '-1', '3.5', '1e2', 'abc', '', '30d', '0x1F', '99999999999999999999'])(
    'rejects %j',
    (text) => {
      expect(parse(text)).toEqual({
        ok: false,
        error: '`days` must be a whole number from 1 to 365, e.g. `/trade deadlines days:30`',
      });
    },
  );

  it('accepts zero and negatives when the range allows them', () => {
    expect(parseIntInRange('0', -5, 5, 'offset', 'x')).toEqual({ ok: true, value: 0 });
    expect(parseIntInRange('-0', -5, 5, 'offset', 'x')).toEqual({ ok: true, value: 0 });
    expect(parseIntInRange('-5', -5, 5, 'offset', 'x')).toEqual({ ok: true, value: -5 });
  });
});
