import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { blockKitProblems } from '../emulators/slack-block-kit.js';
import { silentLog } from '../helpers/bot.js';
import { slackRig } from '../helpers/slack.js';

type Rig = Awaited<ReturnType<typeof slackRig>>;

/** A scheduler posting through the real Slack adapter, as npm start wires it. */
function schedulerOf(r: Rig) {
  return new Scheduler(
    r.t.bot,
    (channel, reply, key, attempt) => r.slack.deliver(channel.id, reply, key, attempt),
    silentLog,
    {
      retryBaseMs: 30_000,
    },
  );
}

const metadataKey = (m: { metadata?: unknown }) =>
  (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

describe('digests and reminders reach subscribed Slack channels, exactly once', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('the 08:00 Paris digest arrives at 08:00, once, across a restart', async () => {
    r = await slackRig('2026-11-25T12:00:00Z');
    await r.slash('subscribe time:08:00 zone:Europe/Paris kinds:other', 'UREADER', { channelId: 'CDIGEST' });
    r.t.clock.set(Date.parse('2026-11-26T06:59:00Z'));
    await schedulerOf(r).tick();
    expect(r.emu.posted('CDIGEST')).toHaveLength(0);
    r.t.clock.set(Date.parse('2026-11-26T07:00:00Z')); // 08:00 CET
    await schedulerOf(r).tick();
    await r.restart(); // a new app and scheduler on the store reopened from its file
    r.t.clock.set(Date.parse('2026-11-26T07:05:00Z'));
    await schedulerOf(r).tick();
    const posted = r.emu.posted('CDIGEST');
    expect(posted).toHaveLength(1);
    expect(metadataKey(posted[0] as never)).toBe('digest:slack:CDIGEST:2026-11-26');
    expect(JSON.stringify(posted[0])).toContain('Daily trade digest');
    expect(blockKitProblems(posted[0] as never)).toEqual([]);
  });

  it('a reminder one hour before the Ga/Ge/Sb suspension ends arrives as chat.postMessage', async () => {
    r = await slackRig('2026-11-25T12:00:00Z');
    await r.slash('subscribe zone:UTC leads:1h kinds:deadline', 'UREADER', { channelId: 'CREMIND' });
    r.t.clock.set(Date.parse('2026-11-26T23:00:00Z')); // 27 Nov is all-day: midnight UTC minus 1 h
    await schedulerOf(r).tick();
    const posted = r.emu.posted('CREMIND');
    expect(posted.map(metadataKey)).toEqual([
      'remind:slack:CREMIND:ga-ge-sb-suspension-expiry:60m:2026-11-27T00:00:00.000Z',
    ]);
    expect(JSON.stringify(posted[0])).toContain('in 1 hour');
  });

  it('a 429 with Retry-After is waited out and the message is posted once', async () => {
    r = await slackRig('2026-11-25T12:00:00Z');
    await r.slash('subscribe time:08:00 zone:UTC kinds:other', 'UREADER', { channelId: 'C429' });
    r.emu.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    r.t.clock.set(Date.parse('2026-11-26T08:00:00Z'));
    const result = await schedulerOf(r).tick();
    expect(result.sent).toBe(1);
    expect(r.emu.posted('C429')).toHaveLength(1);
    expect(r.emu.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('a retry after a lost response in a public channel the bot was not in joins it, finds the post and does not post again', async () => {
    r = await slackRig('2026-11-25T12:00:00Z');
    await r.slash('subscribe time:08:00 zone:UTC kinds:other', 'UREADER', { channelId: 'CDROP' });
    // Slack lets the bot post here (chat:write.public) but not read it: it is not a member.
    r.emu.setChannel('CDROP', { private: false, botIsMember: false });
    r.emu.failNext('chat.postMessage', { dropAfterAccept: true });
    r.t.clock.set(Date.parse('2026-11-26T08:00:00Z'));
    const s = schedulerOf(r);
    expect((await s.tick()).sent).toBe(0);
    expect(r.emu.posted('CDROP')).toHaveLength(1); // Slack kept it; the bot never heard back
    r.t.clock.set(Date.parse('2026-11-26T08:01:00Z'));
    expect((await s.tick()).sent).toBe(1);
    expect(r.emu.posted('CDROP')).toHaveLength(1);
    expect(r.emu.channel('CDROP').botIsMember).toBe(true);
    expect(r.t.store.read().ledger.find((e) => e.key === 'digest:slack:CDROP:2026-11-26')?.state).toBe(
      'sent',
    );
  });

  it('in a private channel the bot was invited to, a retry finds the post; one it was not invited to gets nothing', async () => {
    r = await slackRig('2026-11-25T12:00:00Z');
    await r.slash('subscribe time:08:00 zone:UTC kinds:other', 'UREADER', { channelId: 'GINVITED' });
    await r.slash('subscribe time:08:00 zone:UTC kinds:other', 'UREADER', { channelId: 'GSECRET' });
    r.emu.setChannel('GINVITED', { private: true, botIsMember: true });
    r.emu.setChannel('GSECRET', { private: true, botIsMember: false });
    r.emu.failNext('chat.postMessage', { dropAfterAccept: true });
    r.t.clock.set(Date.parse('2026-11-26T08:00:00Z'));
    const s = schedulerOf(r);
    await s.tick();
    r.t.clock.set(Date.parse('2026-11-26T08:01:00Z'));
    await s.tick();
    expect(r.emu.posted('GINVITED')).toHaveLength(1);
    expect(r.emu.posted('GSECRET')).toHaveLength(0);
    expect(r.emu.channel('GSECRET').botIsMember).toBe(false);
    const refused = r.emu.calls.filter(
      (c) => c.method === 'chat.postMessage' && (c.body as { channel?: string }).channel === 'GSECRET',
    );
    expect(refused.length).toBeGreaterThan(0);
  });

  it('posts to one channel are paced about one per second', async () => {
    r = await slackRig('2026-11-25T12:00:00Z', { gapMs: 1000 });
    await r.slash('subscribe time:08:00 zone:UTC weekly:yes kinds:other', 'UREADER', { channelId: 'CPACE' });
    r.t.clock.set(Date.parse('2026-11-30T08:00:00Z')); // a Monday: digest and week ahead
    await schedulerOf(r).tick();
    const times = r.emu.postTimes('CPACE');
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });
});
