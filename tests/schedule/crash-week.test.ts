import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/subscription.js';
import { editor, seededBot } from '../helpers/bot.js';
import type { Fixture } from '../store/helpers.js';
import {
  expected,
  finalState,
  go,
  graceOf,
  iso,
  mismatch,
  postMade,
  reportedTicks,
  spawnChild,
  type Tick,
} from './fixtures/crash-week-model.js';
import { readOutbox } from './fixtures/scheduler-child.js';

const MIN = 60_000;
const STEP = 5 * MIN;
const WEEK_START = Date.parse('2026-11-03T00:00:00Z');
const WEEK_END = Date.parse('2026-11-10T12:00:00Z'); // after the Busan truce expiry, 2026-11-10 05:01Z
const MAX_KILLS = 20;
/** Real time after which no more kills start once the minimum is reached, so a busy machine stays bounded. */
const KILL_BUDGET_MS = 25_000;
const MIN_KILLS = 10;
/** Children started ahead, loading their modules (the slow part) while the current one runs. */
const LOOKAHEAD = 1;

const slack = (id: string): ChannelRef => ({ platform: 'slack', id });

describe('scheduler crash safety over a simulated week', () => {
  it('killed at random and restarted: what is due is posted once within grace, else recorded missed', async () => {
    const started = Date.now();
    const t = await seededBot(new Date(WEEK_START).toISOString());
    const { file } = t;
    const outbox = join(dirname(file), 'outbox.jsonl');
    const children: Fixture[] = [];
    const pool: Fixture[] = [];
    const take = (): Fixture => {
      while (pool.length <= LOOKAHEAD) {
        const f = spawnChild(file, outbox, STEP);
        pool.push(f);
        children.push(f);
      }
      return pool.shift() as Fixture;
    };
    try {
      const subscribe = async (channel: ChannelRef, options: string) =>
        expect((await t.bot.dispatch(`subscribe ${options}`, editor, channel)).title).toMatch(/^Subscribed/);
      await subscribe(slack('C1'), 'time:08:00 zone:Europe/Paris leads:7d,1d,1h');
      await subscribe(
        slack('C2'),
        'time:07:30 zone:America/New_York leads:1d,1h kinds:deadline,summit weekly:yes',
      );
      await subscribe(
        { platform: 'discord', id: 'D3' },
        'time:09:00 zone:Asia/Shanghai weekdays:yes leads:36h,2h countries:CN',
      );
      const added = await t.ask(
        'add title:"Crash-week trade talks" start:"2026-11-06 14:00 Europe/Zurich" kind:summit ' +
          'countries:US,CN source:https://example.org/x',
      );
      expect(added.title).toMatch(/^Added/);
      // An all-day item starts at midnight in each channel's zone; a hearing only C1 follows.
      for (const add of [
        'title:"Crash-week comment deadline" start:2026-11-07 kind:comment-deadline countries:CN',
        'title:"Crash-week hearing" start:"2026-11-08 10:30 America/New_York" kind:hearing countries:DE',
      ])
        expect((await t.ask(`add ${add} source:https://example.org/y`)).title).toMatch(/^Added/);
      await t.store.close(); // from here on only the children open the store

      const ticks: Tick[] = [];
      const gaps: string[] = [];
      /** The simulated minute each process (by pid) came up at. */
      const starts = new Map<number, number>();
      let next = WEEK_START;
      let kills = 0;
      let midPostKills = 0;
      const more = () => kills < MIN_KILLS || (kills < MAX_KILLS && Date.now() - started < KILL_BUDGET_MS);
      while (more() && next < WEEK_END) {
        const f = take();
        starts.set(f.child.pid as number, next);
        await go(f, next, WEEK_END);
        // Every other kill lands just after a post reached the channel, before the ledger records it.
        const midPost = kills % 2 === 1 && (await postMade(f, 3_000));
        if (midPost) midPostKills++;
        else await sleep(30 + Math.random() * 270);
        f.child.kill('SIGKILL');
        const code = await f.exited; // reaped, so its lock is stale for the next child
        expect(code === null || f.output.stdout.includes('done\n'), f.output.stderr).toBe(true);
        const reported = reportedTicks(f);
        ticks.push(...reported.map((at) => ({ at, done: true })));
        const last = reported.at(-1);
        if (last === WEEK_END) break; // it finished before the kill
        kills++;
        // The tick it was on (or would have started next) may have been cut short anywhere.
        const killedAt = last === undefined ? next : Math.min(WEEK_END, last + STEP);
        ticks.push({ at: killedAt, done: false });
        // Usually back within 3 hours; every third time down 7 to 30 hours, beyond both graces (6 h, 2 h).
        // A kill mid-post is followed by a short outage, so the retry (which looks for the post first) comes within grace.
        const minutes =
          kills % 3 === 0 && !midPost ? 420 + Math.random() * 1380 : Math.random() * (midPost ? 30 : 180);
        const down = Math.round(minutes) * MIN;
        next = killedAt + down;
        gaps.push(`${iso(killedAt)}..${iso(next)}`);
      }
      const finalEnd = Math.max(next, WEEK_END) + 60 * MIN;
      const final = take();
      starts.set(final.child.pid as number, next);
      await go(final, next, finalEnd);
      expect(await final.exited, final.output.stderr).toBe(0);
      ticks.push(...reportedTicks(final).map((at) => ({ at, done: true })));

      const { data, ledger, want } = await finalState(file, WEEK_START, finalEnd);
      const wanted = new Map(want.map((o) => [o.key, o]));
      const posts = readOutbox(outbox);
      const posted = posts.map((p) => p.key);
      const count = (state: string) => data.ledger.filter((e) => e.state === state).length;
      const postedFailed = data.ledger.filter((e) => e.state === 'failed' && posted.includes(e.key)).length;
      const retried = data.ledger.filter((e) => e.attempts > 1).length;
      const found = children.reduce((n, c) => n + (c.output.stdout.match(/^found /gm)?.length ?? 0), 0);
      const open = want.filter((o) => expected(ticks, o) === undefined).length;
      console.log(
        `crash week: ${kills} kills (${midPostKills} mid-post), ${ticks.length} ticks, ${want.length} expected, ` +
          `${posted.length} posted, ${count('missed')} missed, ${count('failed')} failed (${postedFailed} posted), ` +
          `${retried} retried, ${found} found already posted, ${open} cut short mid-post, ${Date.now() - started} ms`,
      );
      const downtime = `downtime: ${gaps.join(', ')}`;
      expect(
        posted.filter((k, i) => posted.indexOf(k) !== i),
        'posted twice',
      ).toEqual([]);
      expect(
        posted.filter((k) => !wanted.has(k)),
        'posted but not expected by the minute-by-minute oracle',
      ).toEqual([]);
      const stray = data.ledger.filter((e) => !wanted.has(e.key) || e.state === 'pending');
      expect(
        stray.map((e) => `${e.key} ${e.state}`),
        'not expected, or still pending',
      ).toEqual([]);
      const postedAt = new Map(posts.map((p) => [p.key, p.postedAtSimMs]));
      const wrong = want.map((o) =>
        mismatch(ticks, o, postedAt.has(o.key), ledger.get(o.key)?.state, postedAt.get(o.key)),
      );
      expect(wrong.filter(Boolean), downtime).toEqual([]);
      // A post says it is late when it came due while the bot was down (more than a minute before the process that
      // posted it came up) or when it is a retry; one that came due while the bot ran is on time on the bot's clock,
      // even when a 5-minute step posts it minutes after its time.
      const cameUp = (p: { pid: number }) => starts.get(p.pid) ?? Number.NaN;
      const lateness = posts.flatMap((p) => {
        const o = wanted.get(p.key);
        if (!o) return [];
        const late = p.postedAtSimMs - o.dueMs;
        const says = p.text.includes('Sent late');
        if (late < 0 || late > graceOf(o)) return [`${p.key} posted ${late / MIN} min after its time`];
        const shouldSay = o.dueMs < cameUp(p) - MIN || p.attempt > 1;
        return says === shouldSay
          ? []
          : [
              `${p.key} ${late / MIN} min late ${says ? 'says' : 'does not say'} so (attempt ${p.attempt}, due ${iso(o.dueMs)}, posted ${iso(p.postedAtSimMs)}, up ${iso(cameUp(p))})`,
            ];
      });
      expect(lateness).toEqual([]);
      expect(midPostKills === 0 || found > 0, 'a retry after a kill mid-post found its post').toBe(true);
      expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
      expect(posted.length).toBeGreaterThan(0);
      expect(count('missed'), downtime).toBeGreaterThan(0);
    } finally {
      for (const c of children) c.child.kill('SIGKILL');
      await t.close();
    }
  }, 120_000);
});
