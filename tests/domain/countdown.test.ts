import { describe, expect, it } from 'vitest';
import { countdown, daysUntil } from '../../src/domain/countdown.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const from = Date.parse('2026-03-15T09:00:00Z');

describe('countdown', () => {
  it.each([
    [3 * DAY, 'in 3 days'],
    [5 * HOUR, 'in 5 hours'],
    [45 * MIN, 'in 45 minutes'],
    [DAY + 4 * HOUR, 'in 1 day 4 hours'],
    [DAY, 'in 1 day'],
    [HOUR, 'in 1 hour'],
    [MIN, 'in 1 minute'],
    [2 * HOUR + MIN, 'in 2 hours 1 minute'],
    [HOUR + 30 * MIN + 59_999, 'in 1 hour 30 minutes'],
    [DAY + 30 * MIN, 'in 1 day'],
    [2 * DAY + 23 * HOUR + 59 * MIN, 'in 2 days 23 hours'],
    [6 * DAY + 23 * HOUR, 'in 6 days 23 hours'],
    [7 * DAY + 23 * HOUR, 'in 7 days'],
    [400 * DAY + HOUR, 'in 400 days'],
    [-(390 * DAY + 15 * HOUR), '390 days ago'],
    [59_999, 'now'],
    [0, 'now'],
    [-59_999, 'now'],
    [-MIN, '1 minute ago'],
    [-3 * DAY, '3 days ago'],
    [-(DAY + 4 * HOUR), '1 day 4 hours ago'],
    [-(5 * HOUR + 20 * MIN), '5 hours 20 minutes ago'],
  ])('%d ms ahead reads %s', (delta, text) => {
    expect(countdown(from, from + delta)).toBe(text);
  });

  it('says now for non-finite input rather than throwing', () => {
    expect(countdown(from, Number.NaN)).toBe('now');
  });
});

describe('daysUntil', () => {
  it.each([
    [0, 0],
    [DAY - 1, 0],
    [DAY, 1],
    [3 * DAY + 23 * HOUR, 3],
    [-HOUR, 0],
    [-DAY, -1],
    [-(2 * DAY + HOUR), -2],
  ])('%d ms ahead is %d days', (delta, days) => {
    expect(daysUntil(from, from + delta)).toBe(days);
  });
});
