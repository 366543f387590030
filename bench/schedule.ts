/**
 * Scheduler (issue 3), over a real durable store of 100,000 events:
 * 1. planning time per tick with 1,000 varied subscriptions: `scheduler.plan(now)` over consecutive one-minute
 *    windows (the saved cursor one minute behind `now`, as in steady running);
 * 2. one `scheduler.tick()` at 09:00:00 UTC that plans and delivers the daily digest to 1,000 console channels,
 *    with a Deliver that renders each reply as the terminal prints it.
 */
import type { Bot } from '../src/bot.js';
import type { EventKind } from '../src/domain/event.js';
import { type ChannelRef, Subscription } from '../src/domain/subscription.js';
import type { Logger } from '../src/log/logger.js';
import type { Reply } from '../src/render/reply.js';
import { renderText } from '../src/render/text.js';
import { type Deliver, Scheduler, type TickResult } from '../src/schedule/scheduler.js';
import type { StoreData } from '../src/store/schema.js';
import type { Store } from '../src/store/store.js';
import {
  type BenchBot,
  commandErrors,
  type LatencyStats,
  MINUTE,
  msSince,
  openBenchBot,
  stats,
} from './support.js';
import { type BenchSeeds, mulberry32, pick, weighted } from './synthetic.js';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The day planned, minute by minute, from 00:00 UTC. */
export const PLAN_DAY = Date.parse('2026-03-12T00:00:00Z');
/** The digest tick of part 2. */
export const DIGEST_AT = Date.parse('2026-03-12T09:00:00Z');
/** Subscriptions are older than every window planned. */
const CREATED_AT = '2026-01-15T00:00:00.000Z';
/** Fixed seed for the subscriptions, independent of the events' one. */
const SUBSCRIPTION_SEED = 0x5ab5_c41b;

const ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Toronto',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Zurich',
  'Europe/Moscow',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Sydney',
  'Pacific/Auckland',
] as const;
const COUNTRIES = ['US', 'CN', 'EU', 'JP', 'KR', 'MX', 'CA', 'GB', 'IN', 'VN'] as const;
const KINDS: readonly EventKind[] = ['meeting', 'deadline', 'tariff-action', 'ruling', 'hearing', 'summit'];
const WEEK_MIN = 7 * 24 * 60;
const DAY_MIN = 24 * 60;
/** Reminder lead sets, weighted: all three leads for most channels, subsets for the others. */
const LEAD_SETS: readonly (readonly [readonly number[], number])[] = [
  [[WEEK_MIN, DAY_MIN, 60], 50],
  [[DAY_MIN, 60], 20],
  [[DAY_MIN], 10],
  [[60], 10],
  [[WEEK_MIN], 5],
  [[], 5],
];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `n` valid subscriptions, the same every run: Slack, Discord and console channels; 20 zones; digests mostly
 * on the hour or half hour between 06:00 and 10:00 local, the rest at any minute; lead sets from LEAD_SETS;
 * about a third follow one or two countries and a fifth some kinds only.
 */
export function benchSubscriptions(n: number): Subscription[] {
  const rng = mulberry32(SUBSCRIPTION_SEED);
  return Array.from({ length: n }, (_, i) => {
    const platform = weighted<ChannelRef['platform']>(rng, [
      ['slack', 6],
      ['discord', 3],
      ['console', 1],
    ]);
    const id = platform === 'discord' ? String(1_300_000_000_000_000_000n + BigInt(i)) : `CBENCH${i}`;
    const digestTime =
      rng() < 0.6
        ? `${pad(6 + Math.floor(rng() * 5))}:${rng() < 0.5 ? '00' : '30'}`
        : `${pad(Math.floor(rng() * 24))}:${pad(Math.floor(rng() * 60))}`;
    const countries = rng() < 0.35 ? [...new Set([pick(rng, COUNTRIES), pick(rng, COUNTRIES)])] : [];
    const kinds = rng() < 0.2 ? [...new Set([pick(rng, KINDS), pick(rng, KINDS), pick(rng, KINDS)])] : [];
    return Subscription.parse({
      channel: { platform, id },
      digestTime,
      timeZone: pick(rng, ZONES),
      weekdaysOnly: rng() < 0.3,
      weeklyOutlook: rng() < 0.3,
      leadMinutes: [...weighted(rng, LEAD_SETS)],
      countries,
      kinds,
      createdAt: CREATED_AT,
      createdBy: 'bench',
    });
  });
}

/** `n` console channels with a 09:00 UTC digest and no reminders, so a 09:00 tick posts exactly `n` digests. */
export function digestSubscriptions(n: number): Subscription[] {
  return Array.from({ length: n }, (_, i) =>
    Subscription.parse({
      channel: { platform: 'console', id: `terminal-${String(i).padStart(4, '0')}` },
      digestTime: '09:00',
      timeZone: 'UTC',
      leadMinutes: [],
      createdAt: CREATED_AT,
      createdBy: 'bench',
    }),
  );
}

export interface PlanResult {
  readonly events: number;
  readonly subscriptions: number;
  /** Number of one-minute windows timed (consecutive, from PLAN_DAY 00:00 UTC), and the last one's end. */
  readonly windows: number;
  readonly lastWindowEnd: number;
  /** Whether the time budget ended the loop before `windows` were planned. */
  readonly cutShort: boolean;
  /** `scheduler.plan(now)` per window (ms). */
  readonly plan: LatencyStats;
  /** The same samples in process CPU time (ms). */
  readonly cpu: LatencyStats;
  /** Occurrences planned over all windows, by kind. */
  readonly planned: Readonly<Record<string, number>>;
}

export interface TickBreakdown {
  readonly channels: number;
  readonly result: TickResult;
  /** The one awaited `scheduler.tick()` (ms). */
  readonly totalMs: number;
  /** `scheduler.plan(09:00)` alone, same state, just before the tick (ms). */
  readonly planMs: number;
  /** Inside the tick: store writes (count, ms), timeline builds (count, ms), Deliver calls incl. rendering (ms). */
  readonly writes: number;
  readonly writeMs: number;
  readonly timelineBuilds: number;
  readonly timelineMs: number;
  readonly deliverMs: number;
  /** Characters rendered (all replies), as a check the renders happened. */
  readonly renderedChars: number;
  /** Channels that received exactly one digest. */
  readonly channelsServed: number;
}

export interface ScheduleResult {
  readonly plan: PlanResult;
  readonly tick: TickBreakdown;
  /** Opening the store, then writing the subscriptions (ms). */
  readonly openMs: number;
}

export interface ScheduleOptions {
  readonly seeds: BenchSeeds;
  readonly events: number;
  readonly subscriptions: number;
  /** At most this many one-minute windows are timed, for at most planBudgetMs in all. */
  readonly windows: number;
  readonly planBudgetMs: number;
  /** Untimed windows planned first (the previous day), at most this many and for at most warmupBudgetMs. */
  readonly warmupWindows: number;
  readonly warmupBudgetMs: number;
  readonly channels: number;
  readonly progress?: (line: string) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The store as the scheduler sees it, with the saved cursor set by the bench instead of by a write: each
 * window's plan then reads the same (cached) timeline and ledger index as consecutive ticks do.
 */
function cursorView(store: Store): { store: Store; setCursor(ms: number): void } {
  let state: StoreData = store.read();
  return {
    store: {
      location: store.location,
      get revision() {
        return store.revision;
      },
      read: () => state,
      update: (change) => store.update(change),
      claim: (entries, nowMs) => store.claim(entries, nowMs),
      close: () => store.close(),
    },
    setCursor(ms) {
      const base = store.read();
      state = { ...base, scheduler: { ...base.scheduler, cursor: iso(ms) } };
    },
  };
}

const quietLog: Logger = {
  debug() {},
  info() {},
  warn() {},
  error: (_msg, err) => void commandErrors.push(err),
};

async function benchPlan({ bot, store }: BenchBot, o: ScheduleOptions): Promise<PlanResult> {
  const view = cursorView(store);
  const planner = new Scheduler({ ...bot, store: view.store }, async () => undefined, quietLog);
  bot.timeline();
  // Warm-up on the day before, then the timed day: the cursor is always the previous minute.
  const warmUntil = Date.now() + o.warmupBudgetMs;
  for (let i = 0; i < o.warmupWindows && Date.now() < warmUntil; i++) {
    const to = PLAN_DAY - DAY + (i + 1) * MINUTE;
    view.setCursor(to - MINUTE);
    planner.plan(to);
  }
  const samples: number[] = [];
  const cpu: number[] = [];
  const planned: Record<string, number> = { digest: 0, weekly: 0, reminder: 0, notice: 0 };
  const until = Date.now() + o.planBudgetMs;
  for (let i = 0; i < o.windows && Date.now() < until; i++) {
    const to = PLAN_DAY + (i + 1) * MINUTE;
    view.setCursor(to - MINUTE);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const occurrences = planner.plan(to);
    samples.push(msSince(t0));
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
    for (const occ of occurrences) planned[occ.kind] = (planned[occ.kind] ?? 0) + 1;
  }
  return {
    events: o.events,
    subscriptions: o.subscriptions,
    windows: samples.length,
    lastWindowEnd: PLAN_DAY + samples.length * MINUTE,
    cutShort: samples.length < o.windows,
    plan: stats(samples),
    cpu: stats(cpu),
    planned,
  };
}

async function benchDigestTick({ bot, store, clock }: BenchBot, o: ScheduleOptions): Promise<TickBreakdown> {
  const subs = digestSubscriptions(o.channels);
  // Steady state: the last tick ran a minute ago; the ledger is empty; the timeline of this revision is built.
  await store.update((d) => {
    d.subscriptions = subs;
    d.ledger = [];
    d.scheduler = { ...d.scheduler, cursor: iso(DIGEST_AT - MINUTE) };
  });
  clock.set(DIGEST_AT);
  bot.timeline();

  let writes = 0;
  let writeMs = 0;
  let timelineBuilds = 0;
  let timelineMs = 0;
  let deliverMs = 0;
  let renderedChars = 0;
  const perChannel = new Map<string, number>();
  const timedStore: Store = {
    location: store.location,
    get revision() {
      return store.revision;
    },
    read: () => store.read(),
    claim: (entries, nowMs) => store.claim(entries, nowMs),
    async update(change) {
      const t0 = process.hrtime.bigint();
      try {
        return await store.update(change);
      } finally {
        writes++;
        writeMs += msSince(t0);
      }
    },
    close: () => store.close(),
  };
  let builtFor = store.revision;
  const timeline = () => {
    if (store.revision === builtFor) return bot.timeline();
    const t0 = process.hrtime.bigint();
    const tl = bot.timeline();
    timelineMs += msSince(t0);
    timelineBuilds++;
    builtFor = store.revision;
    return tl;
  };
  const zone = bot.config.TIME_ZONE;
  // The terminal's route: render the reply as text (ConsoleChannel.print), here into a discarded string.
  const deliver: Deliver = async (channel: ChannelRef, reply: Reply) => {
    const t0 = process.hrtime.bigint();
    const text = `${renderText(reply, { zone })}\n\n`;
    renderedChars += text.length;
    perChannel.set(channel.id, (perChannel.get(channel.id) ?? 0) + 1);
    deliverMs += msSince(t0);
    return undefined;
  };
  const timedBot: Bot = {
    ...bot,
    store: timedStore,
    timeline,
    context: (actor, channel, z) => ({ ...bot.context(actor, channel, z), timeline }),
  };
  const scheduler = new Scheduler(timedBot, deliver, quietLog);
  const p0 = process.hrtime.bigint();
  scheduler.plan(DIGEST_AT);
  const planMs = msSince(p0);

  const t0 = process.hrtime.bigint();
  const result = await scheduler.tick();
  const totalMs = msSince(t0);
  return {
    channels: o.channels,
    result,
    totalMs,
    planMs,
    writes,
    writeMs,
    timelineBuilds,
    timelineMs,
    deliverMs,
    renderedChars,
    channelsServed: [...perChannel.values()].filter((n) => n === 1).length,
  };
}

export async function benchSchedule(o: ScheduleOptions): Promise<ScheduleResult> {
  const t0 = process.hrtime.bigint();
  const b = await openBenchBot(o.seeds.seed(o.events));
  try {
    await b.store.update((d) => {
      d.subscriptions = benchSubscriptions(o.subscriptions);
    });
    const openMs = msSince(t0);
    o.progress?.(
      `scheduler: planning up to ${o.windows} one-minute windows (${o.planBudgetMs / 1000} s at most)`,
    );
    const plan = await benchPlan(b, o);
    o.progress?.(`scheduler: 09:00 digest tick to ${o.channels} console channels`);
    const tick = await benchDigestTick(b, o);
    return { plan, tick, openMs };
  } finally {
    await b.close();
  }
}
