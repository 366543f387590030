import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { createBot } from '../../src/bot.js';
import { manualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import type { ChannelRef } from '../../src/domain/subscription.js';
import { loadSeed } from '../../src/store/seed.js';
import { type SlackEmulator, startSlackEmulator } from '../emulators/slack-emulator.js';
import { type ExpectedPost, expectedPosts } from '../schedule/fixtures/minute-oracle.js';
import { type Fixture, ROOT, spawnScript, waitForLine } from '../store/helpers.js';
import { editor, SEED_FILE, silentLog } from './bot.js';
import { adminQuery, freshSchema, openTestPgStore, PG_URL } from './pg.js';
import { type PgProxy, startPgProxy } from './pg-proxy.js';
import { manifestScopes } from './slack.js';

const CHILD = join(ROOT, 'tests/schedule/fixtures/replica-child.mjs');
export const MIN = 60_000;
/** The simulated day: a Monday (weekly outlooks), the day before the seed's Busan truce expiry (2026-11-10 05:01Z). */
export const DAY_START = Date.parse('2026-11-09T00:00:00Z');
export const DAY_END = DAY_START + 24 * 60 * MIN;
/** When the channels subscribe: half an hour before the day the replicas run. */
const SUBSCRIBED = DAY_START - 30 * MIN;
/** Each parent step moves every replica's clock this far. */
export const STEP = 15 * MIN;
/** The Slack channels subscribed, each in its own zone. */
export const CHANNELS = ['CREPLICA1', 'CREPLICA2', 'CREPLICA3'] as const;

/** One replica: a child process running the real store, bot, scheduler and Slack delivery. */
export interface Replica {
  readonly f: Fixture;
  readonly skewMs: number;
  /** Runs one round at simulated `t` (plus this replica's skew); resolves with 'ok' or the error it printed. */
  tick(t: number): Promise<string>;
  /** Resolves with the key of the next post this replica starts, or undefined when the round ends first. */
  nextPost(t: number): Promise<string | undefined>;
  readonly dead: boolean;
  kill(): Promise<void>;
}

function replica(f: Fixture, skewMs: number): Replica {
  let dead = false;
  const lineAfter = (from: number, pattern: RegExp, ms: number) =>
    new Promise<RegExpMatchArray | undefined>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms`)), ms);
      const check = () => {
        const m = f.output.stdout.slice(from).match(pattern);
        if (m) finish(undefined, m);
      };
      function finish(error?: Error, m?: RegExpMatchArray) {
        clearTimeout(timer);
        f.child.stdout.off('data', check);
        if (error) reject(new Error(`${error.message}: ${f.output.stderr.slice(-2000)}`));
        else resolve(m);
      }
      f.child.stdout.on('data', check);
      f.exited.then(() => (dead ? resolve(undefined) : finish(new Error(`replica exited`))));
      check();
    });
  return {
    f,
    skewMs,
    get dead() {
      return dead;
    },
    async tick(t) {
      const from = f.output.stdout.length;
      f.child.stdin.write(`tick ${t}\n`);
      const m = await lineAfter(from, new RegExp(`^at ${t} (.*)$`, 'm'), 20_000);
      return m?.[1] ?? 'killed';
    },
    async nextPost(t) {
      const from = f.output.stdout.length;
      const m = await lineAfter(from, new RegExp(`^(?:posting (\\S+)|at ${t} .*)$`, 'm'), 20_000);
      return m?.[1];
    },
    async kill() {
      dead = true;
      f.child.kill('SIGKILL');
      await f.exited;
    },
  };
}

/** What the emulator shows, against what the minute-by-minute oracle says was due in the day. */
export interface DayOutcome {
  readonly want: readonly ExpectedPost[];
  /** Every post's ledger key (Slack message metadata) as the emulator holds them. */
  readonly posted: readonly string[];
  readonly twice: readonly string[];
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
  /** Ledger entries of the day not recorded 'sent'. */
  readonly unsettled: readonly string[];
  /** conversations.history calls: retries that looked for their post first. */
  readonly lookups: number;
}

/**
 * N replicas of the bot on one fresh PostgreSQL schema (optionally behind a proxy the test can cut), three Slack
 * channels in three zones subscribed with digests and reminders, and a Slack emulator counting what arrives.
 */
export async function replicaRig(skews: readonly number[], o: { proxy?: boolean } = {}) {
  const schema = freshSchema();
  const emu: SlackEmulator = await startSlackEmulator({ scopes: manifestScopes() });
  const proxy: PgProxy | undefined = o.proxy ? await startPgProxy(PG_URL) : undefined;
  const replicas: Replica[] = [];
  try {
    const seed = await loadSeed(SEED_FILE);
    const clock = manualClock(SUBSCRIBED);
    const store = await openTestPgStore(schema.schema, seed, { now: () => new Date(clock.now()) });
    const bot = createBot(
      parseConfig({ DB_FILE: 'unused.json', SEED_FILE, TIME_ZONE: 'UTC' }, 'UTC'),
      store,
      clock,
      silentLog,
    );
    const slack = (id: string): ChannelRef => ({ platform: 'slack', id });
    const [c1, c2, c3] = CHANNELS;
    for (const [channel, options] of [
      [c1, 'time:08:00 zone:Europe/Paris leads:1d,1h,30m'],
      [c2, 'time:07:30 zone:America/New_York leads:1d,2h kinds:deadline,summit weekly:yes'],
      [c3, 'time:09:00 zone:Asia/Shanghai leads:6h,1h countries:CN'],
    ] as const) {
      const r = await bot.dispatch(`subscribe ${options}`, editor, slack(channel));
      if (!/^Subscribed/.test(r.title ?? '')) throw new Error(`subscribe ${channel}: ${r.title}`);
    }
    for (const add of [
      'title:"Replica trade talks" start:"2026-11-09 14:00 Europe/Zurich" kind:summit countries:US,CN',
      'title:"Replica comment deadline" start:2026-11-10 kind:comment-deadline countries:CN',
      'title:"Replica hearing" start:"2026-11-09 18:30 America/New_York" kind:hearing countries:CN',
      'title:"Replica filing deadline" start:"2026-11-09 22:15 UTC" kind:deadline countries:US,CN',
    ]) {
      const r = await bot.dispatch(`add ${add} source:https://example.org/r`, editor, slack(c1 as string));
      if (!/^Added/.test(r.title ?? '')) throw new Error(`add: ${r.title}`);
    }
    await store.close();
    const url = proxy?.url ?? PG_URL;
    for (const skew of skews)
      replicas.push(
        replica(spawnScript(CHILD, [url, schema.schema, emu.apiUrl, String(skew), String(DAY_START)]), skew),
      );
    await Promise.all(replicas.map((r) => waitForLine(r.f, 'ready', 40_000)));
  } catch (error) {
    for (const r of replicas) r.f.child.kill('SIGKILL');
    await emu.close();
    await proxy?.close();
    await schema.drop();
    throw error;
  }

  const live = () => replicas.filter((r) => !r.dead);
  return {
    emu,
    proxy,
    replicas,
    live,
    /** One step: every live replica runs its round at `t`, all at once. */
    step: (t: number, only: readonly Replica[] = live()) => Promise.all(only.map((r) => r.tick(t))),
    /** Closes the replicas' database connections from the server side (pg_terminate_backend). */
    async terminateConnections(): Promise<number> {
      const r = await adminQuery<{ pid: number }>(
        `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
        [`trade-brief:${schema.schema}`],
      );
      return r.rowCount ?? 0;
    },
    /** What reached Slack, and the ledger, against the oracle's posts due in the day. */
    async outcome(): Promise<DayOutcome> {
      const store = await openTestPgStore(schema.schema, await loadSeed(SEED_FILE));
      const data = store.read();
      await store.close();
      const want = expectedPosts(data, SUBSCRIBED, DAY_END);
      const wanted = new Set(want.map((p) => p.key));
      const posted = CHANNELS.flatMap((c) =>
        emu.posted(c).map((m) => String((m.metadata?.event_payload as { key?: string })?.key ?? '')),
      );
      const ledger = new Map(data.ledger.map((e) => [e.key, e.state]));
      return {
        want,
        posted,
        twice: posted.filter((k, i) => posted.indexOf(k) !== i),
        missing: want.filter((p) => !posted.includes(p.key)).map((p) => p.key),
        unexpected: posted.filter((k) => !wanted.has(k)),
        unsettled: want
          .filter((p) => ledger.get(p.key) !== 'sent')
          .map((p) => `${p.key} ${ledger.get(p.key)}`),
        lookups: emu.calls.filter((c) => c.method === 'conversations.history').length,
      };
    },
    async close() {
      await Promise.all(
        replicas.map(async (r) => {
          if (r.dead) return;
          r.f.child.stdin.end('stop\n');
          const timer = setTimeout(() => r.f.child.kill('SIGKILL'), 5_000);
          await r.f.exited;
          clearTimeout(timer);
        }),
      );
      await emu.close();
      await proxy?.close();
      await schema.drop();
    },
  };
}

export type ReplicaRig = Awaited<ReturnType<typeof replicaRig>>;

/** 07:00Z: the Paris digest (08:00) and reminders fall in this step or soon after; the fault cases start here. */
export const BUSY = DAY_START + 7 * 60 * MIN;

/** Runs the day step by step; `at(t)` may take over a step (returning true when it ran the replicas itself). */
export async function runDay(rig: ReplicaRig, at?: (t: number) => Promise<boolean>): Promise<void> {
  for (let t = DAY_START; t <= DAY_END; t += STEP) if (!(await at?.(t))) await rig.step(t);
}

/** Waits until the emulator holds a post with ledger key `key`. */
export async function reachedSlack(rig: ReplicaRig, key: string): Promise<void> {
  const has = () =>
    CHANNELS.some((c) =>
      rig.emu.posted(c).some((m) => (m.metadata?.event_payload as { key?: string })?.key === key),
    );
  for (let i = 0; i < 1000 && !has(); i++) await sleep(5);
  if (!has()) throw new Error(`${key} never reached Slack`);
}

/** Every post the oracle says was due reached Slack once, none else did, and the ledger records each sent. */
export function expectExactlyOnce(o: DayOutcome, label: string, started: number): void {
  console.log(
    `${label}: ${o.want.length} due, ${o.posted.length} posted at the emulator, ${o.twice.length} twice, ` +
      `${o.missing.length} missing, ${o.lookups} history lookups, ${Date.now() - started} ms`,
  );
  expect(o.twice, 'posted twice').toEqual([]);
  expect(o.missing, 'due but never posted').toEqual([]);
  expect(o.unexpected, 'posted but not due').toEqual([]);
  expect(o.unsettled, 'ledger not sent').toEqual([]);
  expect(o.want.length).toBeGreaterThan(10);
}
