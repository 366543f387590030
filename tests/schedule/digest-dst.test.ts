import { afterEach, describe, expect, it } from 'vitest';
import { seededBot } from '../helpers/bot.js';
import { schedulerFor, slackChannel } from '../helpers/scheduler.js';

/** Local 08:00 in UTC, on days either side of each DST change of 2026 and 2027. */
const EXPECTED: Record<string, [string, string][]> = {
  'America/New_York': [
    ['2026-03-07', '2026-03-07T13:00:00Z'],
    ['2026-03-08', '2026-03-08T12:00:00Z'],
    ['2026-10-31', '2026-10-31T12:00:00Z'],
    ['2026-11-01', '2026-11-01T13:00:00Z'],
    ['2027-03-13', '2027-03-13T13:00:00Z'],
    ['2027-03-14', '2027-03-14T12:00:00Z'],
    ['2027-11-06', '2027-11-06T12:00:00Z'],
    ['2027-11-07', '2027-11-07T13:00:00Z'],
  ],
  'Europe/Paris': [
    ['2026-03-28', '2026-03-28T07:00:00Z'],
    ['2026-03-29', '2026-03-29T06:00:00Z'],
    ['2026-10-24', '2026-10-24T06:00:00Z'],
    ['2026-10-25', '2026-10-25T07:00:00Z'],
    ['2027-03-27', '2027-03-27T07:00:00Z'],
    ['2027-03-28', '2027-03-28T06:00:00Z'],
    ['2027-10-30', '2027-10-30T06:00:00Z'],
    ['2027-10-31', '2027-10-31T07:00:00Z'],
  ],
};

describe('the daily digest at local time across daylight saving changes', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  for (const [zone, days] of Object.entries(EXPECTED)) {
    it(`posts at 08:00 ${zone} on each side of every change, not a minute early, once`, async () => {
      const t = await seededBot('2026-03-01T00:00:00Z');
      close = t.close;
      const s = schedulerFor(t, { digestGraceMs: 2 * 3_600_000 });
      const channel = slackChannel(`C-${zone}`);
      const reply = await s.subscribe(channel, `time:08:00 zone:${zone} leads:1h kinds:other`);
      expect(reply.tone).toBeUndefined();
      for (const [date, instant] of days) {
        const ms = Date.parse(instant);
        await s.at(new Date(ms - 3 * 3_600_000).toISOString());
        await s.at(new Date(ms - 60_000).toISOString());
        expect(s.inbox.filter((m) => m.key.endsWith(date))).toHaveLength(0);
        await s.at(instant);
        await s.at(new Date(ms + 60_000).toISOString());
        const got = s.inbox.filter((m) => m.key.endsWith(date));
        expect(got, `${zone} ${date}`).toHaveLength(1);
        expect(got[0]?.atMs).toBe(ms);
        expect(got[0]?.title).toBe('Daily trade digest');
        expect(got[0]?.text).not.toContain('Sent late');
      }
    });
  }

  it('a digest at 02:30 on the spring-forward day posts once at the first valid minute, 03:00', async () => {
    const t = await seededBot('2026-03-07T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(slackChannel('CNY'), 'time:02:30 zone:America/New_York');
    // 03:00 EDT on 8 March 2026 is 07:00Z; 02:30 does not exist that night.
    await s.at('2026-03-08T06:59:00Z');
    expect(s.inbox.filter((m) => m.key.includes('digest') && m.key.endsWith('2026-03-08'))).toHaveLength(0);
    for (const iso of [
      '2026-03-08T07:00:00Z',
      '2026-03-08T07:30:00Z',
      '2026-03-08T08:00:00Z',
      '2026-03-08T12:00:00Z',
    ])
      await s.at(iso);
    const got = s.inbox.filter((m) => m.key.endsWith('2026-03-08'));
    expect(got.map((m) => new Date(m.atMs).toISOString())).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('a digest at 01:30 on the fall-back day posts once, at the first 01:30', async () => {
    const t = await seededBot('2026-10-31T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(slackChannel('CNY'), 'time:01:30 zone:America/New_York');
    // 01:30 happens twice on 1 November 2026: 05:30Z (EDT) and 06:30Z (EST).
    for (const iso of [
      '2026-11-01T05:29:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:00:00Z',
    ])
      await s.at(iso);
    const got = s.inbox.filter((m) => m.key.endsWith('2026-11-01'));
    expect(got.map((m) => new Date(m.atMs).toISOString())).toEqual(['2026-11-01T05:30:00.000Z']);
  });
});
