import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { silentLog } from '../helpers/bot.js';
import { blockText, slackRig } from '../helpers/slack.js';

type Rig = Awaited<ReturnType<typeof slackRig>>;
const HOUR = 3_600_000;

/** A scheduler posting through the real Slack adapter, as npm start wires it. */
const schedulerOf = (r: Rig) =>
  new Scheduler(
    r.t.bot,
    (channel, reply, key, attempt) => r.slack.deliver(channel.id, reply, key, attempt),
    silentLog,
  );

/** Ticks every `stepMs` from the clock's time up to `untilIso`. */
async function runUntil(r: Rig, s: Scheduler, untilIso: string, stepMs = HOUR) {
  for (let at = r.t.clock.now() + stepMs; at <= Date.parse(untilIso); at += stepMs) {
    r.t.clock.set(at);
    await s.tick();
  }
}

/** The ledger key a post carries as Slack message metadata. */
const keyOf = (m: { metadata?: unknown }) =>
  (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

describe('what a subscribed Slack channel sees, as the README promises', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('weekdays:yes skips the weekend, and Monday’s digest lists what changed since Friday’s', async () => {
    r = await slackRig('2026-11-05T12:00:00Z'); // a Thursday
    const sub = await r.slash('subscribe time:08:00 zone:UTC weekdays:yes kinds:meeting', 'UREADER', {
      channelId: 'CWEEK',
    });
    expect(blockText(sub.reply as never)).toMatch(/weekdays/i);
    const s = schedulerOf(r);
    const edit = async (atIso: string, text: string) => {
      await runUntil(r as Rig, s, atIso);
      const { reply } = await (r as Rig).slash(text, 'UEDITOR', { channelId: 'CEDIT' });
      expect(blockText(reply as never)).not.toMatch(/Sorry/);
    };
    await edit(
      '2026-11-05T20:00:00Z',
      'add title:"Thursday evening note" start:2026-12-01 kind:other countries:US source:https://example.org/t',
    );
    await runUntil(r, s, '2026-11-06T09:00:00Z');
    await edit(
      '2026-11-07T12:00:00Z',
      'add title:"Weekend ministerial call" start:2026-12-02 kind:call countries:US,CN source:https://example.org/w',
    );
    await edit('2026-11-08T15:00:00Z', 'edit weekend-ministerial-call location:Geneva');
    await runUntil(r, s, '2026-11-10T09:00:00Z');

    const posts = r.emu.posted('CWEEK');
    // Friday 6, Monday 9 and Tuesday 10 November; nothing on Saturday 7 or Sunday 8.
    expect(posts.map(keyOf)).toEqual([
      'digest:slack:CWEEK:2026-11-06',
      'digest:slack:CWEEK:2026-11-09',
      'digest:slack:CWEEK:2026-11-10',
    ]);
    const [friday, monday] = posts.map((m) => blockText(m as never));
    expect(friday).toContain('Daily trade digest');
    expect(friday).toContain('Thursday evening note');
    expect(friday).not.toContain('Weekend ministerial call');
    expect(monday).toContain('Since the last digest');
    expect(monday).toMatch(/added event[^"]*Weekend ministerial call/);
    expect(monday).toMatch(/edited event[^"]*Weekend ministerial call[^"]*\(location\)/);
    expect(monday).not.toContain('Thursday evening note');
  });

  it('a postponement is announced to the channel that had a reminder, and no more reminders follow', async () => {
    r = await slackRig('2026-11-25T12:00:00Z');
    await r.slash('subscribe leads:7d,1d kinds:meeting zone:UTC', 'UREADER', { channelId: 'CREMIND' });
    await r.slash('subscribe leads:1d kinds:meeting zone:UTC', 'UREADER', { channelId: 'CQUIET' });
    const added = await r.slash(
      'add title:"Geneva follow-up talks" start:"2026-12-10 10:00 Europe/Zurich" countries:US,CN source:https://example.org/g',
      'UEDITOR',
    );
    expect(blockText(added.reply as never)).toContain('Added');
    const s = schedulerOf(r);
    await runUntil(r, s, '2026-12-03T09:00:00Z', 3 * HOUR); // 7 days before, 09:00Z
    const moved = await r.slash('edit geneva-follow-up-talks status:postponed', 'UEDITOR');
    expect(blockText(moved.reply as never)).not.toMatch(/Sorry/);
    await runUntil(r, s, '2026-12-10T12:00:00Z', HOUR);
    const remind = r.emu
      .posted('CREMIND')
      .map((m) => [keyOf(m), blockText(m as never)] as const)
      .filter(([k]) => !k?.startsWith('digest:'));
    expect(remind.map(([k]) => k?.replace(/:\d+$/, ':seq'))).toEqual([
      'remind:slack:CREMIND:geneva-follow-up-talks:10080m:2026-12-10T09:00:00.000Z',
      'notice:slack:CREMIND:geneva-follow-up-talks:postponed:seq',
    ]);
    expect(remind[1]?.[1]).toContain('Postponed: Geneva follow-up talks');
    expect(remind[1]?.[1]).toContain('You had a reminder for this');
    // The other channel was never reminded: it is not told, and gets no reminder for a postponed meeting.
    expect(
      r.emu
        .posted('CQUIET')
        .map(keyOf)
        .filter((k) => !k?.startsWith('digest:')),
    ).toEqual([]);
  });
});
