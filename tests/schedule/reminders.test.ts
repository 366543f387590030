import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { loadSeed } from '../../src/store/seed.js';
import { editor, restarted, SEED_FILE, seededBot } from '../helpers/bot.js';
import { type Received, schedulerFor, slackChannel } from '../helpers/scheduler.js';

const C = slackChannel('CTRADE');
const reminders = (inbox: Received[], id: string) =>
  inbox.filter((m) => m.key.startsWith(`remind:slack:CTRADE:${id}:`));

describe('reminders before events, deadlines and expiries', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('reminds 7 days, 1 day and 1 hour before the truce expiry, each once, at the exact minute', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'zone:America/New_York countries:CN kinds:deadline');
    // The truce ends 2026-11-10 05:01Z.
    for (const iso of [
      '2026-11-03T05:00:00Z',
      '2026-11-03T05:01:00Z',
      '2026-11-03T06:00:00Z',
      '2026-11-09T05:01:00Z',
      '2026-11-10T04:01:00Z',
      '2026-11-10T04:30:00Z',
    ])
      await s.at(iso);
    const got = reminders(s.inbox, 'busan-truce-expiry');
    expect(got.map((m) => new Date(m.atMs).toISOString())).toEqual([
      '2026-11-03T05:01:00.000Z',
      '2026-11-09T05:01:00.000Z',
      '2026-11-10T04:01:00.000Z',
    ]);
    expect(got.map((m) => m.title)).toEqual([
      '⏰ End of the one-year Busan truce — in 7 days',
      '⏰ End of the one-year Busan truce — in 1 day',
      '⏰ End of the one-year Busan truce — in 1 hour',
    ]);
    expect(got[0]?.text).toMatch(/Tue 10 Nov 2026, 05:01 UTC/);
  });

  it('an event moved by an editor is reminded at its new time, and not again for a lead already sent', async () => {
    const t = await seededBot('2026-11-25T12:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'leads:1d,1h kinds:meeting');
    await t.ask(
      'add title:"Geneva follow-up talks" start:"2026-12-03 10:00 Europe/Zurich" countries:US,CN source:https://example.org/a',
    );
    await s.at('2026-12-02T09:00:00Z'); // 1 day before 09:00Z
    expect(reminders(s.inbox, 'geneva-follow-up-talks')).toHaveLength(1);
    await t.ask('edit geneva-follow-up-talks start:"2026-12-03 15:00 Europe/Zurich"');
    await s.at('2026-12-02T10:00:00Z');
    await s.at('2026-12-02T14:00:00Z'); // new 1-day lead
    await s.at('2026-12-03T08:00:00Z'); // old 1-hour lead: nothing
    await s.at('2026-12-03T13:00:00Z'); // new 1-hour lead
    const got = reminders(s.inbox, 'geneva-follow-up-talks').map((m) => new Date(m.atMs).toISOString());
    expect(got).toEqual(['2026-12-02T09:00:00.000Z', '2026-12-02T14:00:00.000Z', '2026-12-03T13:00:00.000Z']);
  });

  it('a cancelled event gets no more reminders, and channels that were reminded are told', async () => {
    const t = await seededBot('2026-11-25T12:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'leads:7d,1d kinds:meeting');
    await s.subscribe(slackChannel('COTHER'), 'leads:1d kinds:meeting');
    await t.ask(
      'add title:"Geneva follow-up talks" start:"2026-12-10 10:00 Europe/Zurich" countries:US,CN source:https://example.org/a',
    );
    await s.at('2026-12-03T09:00:00Z');
    await t.ask('edit geneva-follow-up-talks status:cancelled');
    await s.at('2026-12-03T09:05:00Z');
    await s.at('2026-12-09T09:00:00Z');
    const keys = s.inbox.filter((m) => !m.key.startsWith('digest:')).map((m) => `${m.channel} ${m.title}`);
    expect(keys).toEqual([
      'slack:CTRADE ⏰ Geneva follow-up talks — in 7 days',
      'slack:CTRADE Cancelled: Geneva follow-up talks',
    ]);
  });

  it('a post that fails is retried with backoff and delivered once', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t, { retryBaseMs: 30_000 });
    await s.subscribe(C, 'leads:1h kinds:deadline countries:CN');
    // The truce expiry and the exclusions' expiry are both due: both first posts fail.
    s.failNextPosts(2);
    await s.at('2026-11-10T04:01:00Z');
    await s.at('2026-11-10T04:01:10Z'); // before the retry is due: nothing
    expect(s.inbox).toHaveLength(0);
    await s.at('2026-11-10T04:01:30Z'); // the retry, 30 s later, goes through
    await s.at('2026-11-10T04:10:00Z');
    await s.at('2026-11-10T05:00:00Z');
    expect(reminders(s.inbox, 'busan-truce-expiry').map((m) => new Date(m.atMs).toISOString())).toEqual([
      '2026-11-10T04:01:30.000Z',
    ]);
    const entry = t.store.read().ledger.find((e) => e.key.includes('busan-truce-expiry'));
    expect(entry).toMatchObject({ state: 'sent', attempts: 2 });
    const sent = reminders(s.inbox, 'busan-truce-expiry')[0]?.text;
    expect(sent).toContain('the first attempt to post it failed');
    expect(sent).not.toContain('offline');
  });

  it('after a restart, what came due while down is sent once if within grace, marked late, and recorded missed beyond it', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'time:08:00 zone:UTC leads:7d,1d,1h kinds:deadline countries:CN');
    await s.at('2026-11-08T08:00:00Z');
    const before = s.inbox.length;
    // Down from 08:00 on the 8th until 08:30 on the 10th: the 1-day reminder (09 Nov 05:01) is beyond 6 h grace,
    // the 1-hour reminder (10 Nov 04:01) is within it, the 9 Nov digest is beyond 2 h, the 10 Nov digest within.
    // The restarted bot knows only what its store file holds.
    const back = await restarted(t);
    close = back.close;
    const again = schedulerFor(back);
    await again.at('2026-11-10T08:30:00Z');
    await again.at('2026-11-10T08:31:00Z');
    const got = again.inbox.map((m) => m.key.replace('slack:CTRADE:', ''));
    expect(got).toEqual(['remind:busan-truce-expiry:60m:2026-11-10T05:01:00.000Z', 'digest:2026-11-10']);
    expect(again.inbox[0]?.text).toMatch(
      /Sent late: this was due 4 hours 29 minutes ago, while the bot was offline/,
    );
    const ledger = back.store.read().ledger;
    expect(ledger.find((e) => e.key.includes('busan-truce-expiry:1440m'))?.state).toBe('missed');
    expect(ledger.find((e) => e.key.endsWith('digest:slack:CTRADE:2026-11-09'))?.state).toBe('missed');
    expect(before).toBeGreaterThan(0);
  });

  it('on a fast clock (ten bot minutes a tick, as with --speed 600) posts between two ticks are on time, not late', async () => {
    const t = await seededBot('2026-11-10T03:50:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'leads:1h kinds:deadline countries:CN');
    // Ticks ten minutes apart on the bot's clock: the 1-hour reminder (due 04:01) goes out at the 04:10 tick.
    for (const iso of ['2026-11-10T03:50:00Z', '2026-11-10T04:00:00Z', '2026-11-10T04:10:00Z'])
      await s.at(iso);
    const got = reminders(s.inbox, 'busan-truce-expiry');
    expect(got.map((m) => new Date(m.atMs).toISOString())).toEqual(['2026-11-10T04:10:00.000Z']);
    expect(got[0]?.text).not.toContain('Sent late');
    expect(got[0]?.text).not.toContain('offline');
    const entry = t.store.read().ledger.find((e) => e.key.includes('busan-truce-expiry'));
    expect(entry?.late).toBe(false);
  });

  it('an all-day item far west of the channel is reminded from midnight in the channel’s zone', async () => {
    const t = await seededBot('2026-12-01T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'zone:Asia/Shanghai leads:1d kinds:meeting');
    await t.ask(
      'add title:"Pacific coast talks" start:2026-12-10 countries:US,CN source:https://example.org/p',
    );
    await t.ask('edit pacific-coast-talks location:"Los Angeles"');
    // The item is all-day; for a Shanghai channel its day starts at 2026-12-09T16:00Z, so 1 day before is 12-08T16:00Z.
    for (const iso of ['2026-12-08T15:59:00Z', '2026-12-08T16:00:00Z', '2026-12-08T16:15:00Z'])
      await s.at(iso);
    expect(reminders(s.inbox, 'pacific-coast-talks').map((m) => new Date(m.atMs).toISOString())).toEqual([
      '2026-12-08T16:00:00.000Z',
    ]);
  });

  it('an all-day item already marked held is reminded in a channel west of its zone as in one east of it', async () => {
    // The Paris talks (15 March, Europe/Paris) are marked held in the seed; on a clock before them they are ahead.
    const t = await seededBot('2026-03-10T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(slackChannel('CEAST'), 'zone:Asia/Shanghai leads:1d');
    await s.subscribe(slackChannel('CWEST'), 'zone:America/Los_Angeles leads:1d');
    // A day before midnight on 15 March: 13 Mar 16:00Z in Shanghai, 14 Mar 07:00Z in Los Angeles (PDT).
    // Each tick a minute after the one before, as the running bot ticks.
    for (const iso of [
      '2026-03-13T15:59:00Z',
      '2026-03-13T16:00:00Z',
      '2026-03-14T06:59:00Z',
      '2026-03-14T07:00:00Z',
    ])
      await s.at(iso);
    const got = s.inbox
      .filter((m) => m.key.includes(':paris-talks-2026:'))
      .map((m) => `${m.channel} ${new Date(m.atMs).toISOString()} ${m.title}`);
    expect(got).toEqual([
      'slack:CEAST 2026-03-13T16:00:00.000Z ⏰ Paris talks at OECD headquarters (6th round) — in 1 day',
      'slack:CWEST 2026-03-14T07:00:00.000Z ⏰ Paris talks at OECD headquarters (6th round) — in 1 day',
    ]);
  });

  it('settled ledger entries older than 60 days are dropped, so the store does not grow without end', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'time:08:00 zone:UTC kinds:other');
    await s.at('2026-11-02T08:00:00Z');
    expect(t.store.read().ledger.map((e) => e.key)).toContain('digest:slack:CTRADE:2026-11-02');
    await s.at('2027-01-05T08:00:00Z');
    const keys = t.store.read().ledger.map((e) => e.key);
    expect(keys).not.toContain('digest:slack:CTRADE:2026-11-02');
    expect(keys).toContain('digest:slack:CTRADE:2027-01-05');
  });

  it('a second scheduler on the same store is refused by the lock', async () => {
    const t = await seededBot('2026-11-01T00:00:00Z');
    close = t.close;
    await expect(
      openStore({ file: t.file, seed: () => loadSeed(SEED_FILE), now: () => new Date() }),
    ).rejects.toThrow(/already open in this process|in use by another Trade Brief process/);
    expect(editor.isEditor).toBe(true);
  });
});
