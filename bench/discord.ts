/**
 * Discord: INTERACTION_CREATE -> reply for /trade commands through our bot (createDiscord over a seeded bot),
 * against a bare discord.js client that replies with a static reply of the same size, both against the same
 * loopback emulator in the same run, on one path of bench/workload.ts (miss, mix or hit; targets: pathChecks).
 *
 * The emulator (bench/discord-emu.ts) runs here, in the parent, as the load generator: it sends each interaction
 * over the gateway and times it until the interaction's callback reaches its REST endpoint. Each bot runs in its
 * own child process (bench/discord-child.ts), started afresh for each of its turns and connected alone, so every
 * interaction goes to exactly one bot. A closed loop keeps `concurrency` interactions in flight: a warm-up, then a
 * fixed time window, bounded in count too; in each round both bots take a turn (bare first in odd rounds, ours
 * first in even ones) and the ratio is the median over rounds of ours / bare, to damp the
 * noise of a shared machine (see pairedRatio). Every callback must be accepted (Discord refuses one after
 * 3 s, a second one, or an invalid body) and be the right reply; `problems` of the emulator must stay empty.
 */
import { chatInput, type InteractionSpec } from '../tests/emulators/discord-interactions.js';
import type { ProblemRecord } from '../tests/emulators/discord-types.js';
import { startBenchChild } from './child-process.js';
import { type BenchEmulator, type CallbackSeen, type EditSeen, startBenchEmulator } from './discord-emu.js';
import { BENCH_NOW_ISO, type ChildStats, type DiscordKind } from './discord-shared.js';
import { collectGarbage, msSince, pairedRatio, stats, turnOrder } from './support.js';
import {
  type BenchPath,
  benchRequest,
  commandText,
  discordIds,
  staticReplies,
  WARMUP_CAP_MS,
  WARMUP_MIN_REQUESTS,
} from './workload.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CHILD = new URL('./discord-child.ts', import.meta.url).pathname;

/** An interaction without its reply after this long counts as an error (Discord gives up after 3 s). */
const REQUEST_TIMEOUT_MS = 5_000;
const CHILD_START_TIMEOUT_MS = 60_000;
const CHILD_STOP_TIMEOUT_MS = 10_000;
/** Discord's own heartbeat interval, rather than the emulator's test default of 1 s. */
const HEARTBEAT_MS = 41_250;
const KINDS = ['bare', 'ours'] as const satisfies readonly DiscordKind[];

export interface DiscordBenchOptions {
  readonly path: BenchPath;
  /** Length of each timed window (s). */
  readonly seconds: number;
  /** Interactions in flight. */
  readonly concurrency: number;
  /** Untimed load before each window (s); default min(1, seconds / 2). */
  readonly warmupSeconds?: number;
  /** Turns of each bot (alternating; the ratio is the median over the rounds); default 2. */
  readonly rounds?: number;
  /** Bound on the interactions of one window; default 1,000,000. */
  readonly maxRequests?: number;
  /** Told one line per turn. */
  readonly progress?: (line: string) => void;
}

/** The figures of one bot over all its turns. */
export interface DiscordFigures {
  /** Interactions answered correctly within the timed windows of all turns. */
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Over all turns of this bot, warm-ups included: timeouts, refused callbacks, wrong replies, the bot's errors. */
  readonly errors: number;
  /** Replies that came as a deferral (type 5) and an edit rather than at once. */
  readonly deferred: number;
  /** The bot process's CPU time per answered interaction in that turn (ms). */
  readonly cpuMsPerRequest: number;
  /** The emulator's (this process's) CPU time in that turn, as a share of one core. */
  readonly emulatorCpuShare: number;
  /** Interactions per second of each turn, in order. */
  readonly turns: readonly number[];
}

export interface DiscordBenchResult {
  readonly path: BenchPath;
  readonly bare: DiscordFigures;
  readonly ours: DiscordFigures;
  /** Median over the rounds of ours / bare interactions per second (see pathChecks). */
  readonly ratio: number;
  readonly pairRatios: readonly number[];
  /** ours.perSecond / bare.perSecond over all turns pooled, for reference. */
  readonly pooledRatio: number;
  /** ours.p99Ms / bare.p99Ms. */
  readonly p99Ratio: number;
  /** ours.cpuMsPerRequest / bare.cpuMsPerRequest: what each reply costs the bot's process, steadier than rates. */
  readonly cpuRatio: number;
  /** Requests the emulator refused as Discord would (must be none). */
  readonly problems: readonly ProblemRecord[];
  /** The first few errors seen, to say what went wrong. */
  readonly firstErrors: readonly string[];
  readonly concurrency: number;
  readonly rounds: number;
}

/** One turn of one bot. */
interface Turn {
  readonly ok: number;
  readonly seconds: number;
  readonly latencies: number[];
  readonly errors: number;
  readonly deferred: number;
  readonly cpuMs: number;
  readonly emulatorCpuMs: number;
}

type Outcome =
  | { readonly ok: true; readonly ms: number; readonly deferred: boolean }
  | { readonly ok: false };

interface Pending {
  readonly token: string;
  readonly t0: bigint;
  readonly timer: NodeJS.Timeout;
  readonly resolve: (o: Outcome) => void;
  /** Judges the reply body (the callback's `data`, or an edit's body). */
  readonly check: (data: unknown) => boolean;
  deferred: boolean;
}

/** Interactions in flight, settled by what the emulator sees: the callback, or the edit after a deferral. */
class Inflight {
  private readonly byId = new Map<string, Pending>();
  private readonly deferredByToken = new Map<string, string>();
  readonly errors: string[] = [];

  constructor(private readonly emu: () => BenchEmulator) {}

  fire(spec: InteractionSpec, check: (data: unknown) => boolean): Promise<Outcome> {
    return new Promise((resolve) => {
      const t0 = process.hrtime.bigint();
      let id: string;
      let token: string;
      try {
        ({ id, token } = this.emu().dispatchInteraction(spec));
      } catch (error) {
        this.note(String(error));
        resolve({ ok: false });
        return;
      }
      const timer = setTimeout(() => {
        this.settle(id, false);
        this.note(`no reply within ${REQUEST_TIMEOUT_MS} ms`);
      }, REQUEST_TIMEOUT_MS);
      this.byId.set(id, { token, t0, timer, resolve, check, deferred: false });
    });
  }

  onCallback = (seen: CallbackSeen): void => {
    const p = this.byId.get(seen.interactionId);
    if (!p) return; // timed out already; a late callback also shows up in the emulator's problems
    const type = (seen.body as { type?: unknown } | undefined)?.type;
    if (seen.status === 204 && type === 5) {
      p.deferred = true;
      this.deferredByToken.set(seen.token, seen.interactionId);
      return;
    }
    const good = seen.status === 204 && type === 4 && p.check((seen.body as { data?: unknown }).data);
    if (!good) this.note(`callback answered ${seen.status}: ${JSON.stringify(seen.body).slice(0, 200)}`);
    this.settle(seen.interactionId, good);
  };

  onEdit = (seen: EditSeen): void => {
    const id = this.deferredByToken.get(seen.token);
    const p = id === undefined ? undefined : this.byId.get(id);
    if (id === undefined || !p) return;
    this.deferredByToken.delete(seen.token);
    const good = seen.status === 200 && p.check(seen.body);
    if (!good) this.note(`edit answered ${seen.status}: ${JSON.stringify(seen.body).slice(0, 200)}`);
    this.settle(id, good);
  };

  private settle(id: string, ok: boolean): void {
    const p = this.byId.get(id);
    if (!p) return;
    this.byId.delete(id);
    this.deferredByToken.delete(p.token);
    clearTimeout(p.timer);
    p.resolve(ok ? { ok: true, ms: msSince(p.t0), deferred: p.deferred } : { ok: false });
  }

  private note(what: string): void {
    if (this.errors.length < 5) this.errors.push(what);
  }
}

/** What both bots must answer to a command: embeds titled like our answer to it (`title`). */
const titled =
  (title: string) =>
  (data: unknown): boolean =>
    (data as { embeds?: { title?: string }[] } | undefined)?.embeds?.[0]?.title === title;

/** Request `i` of `path` as an interaction, with the check of its reply (`titles`: by command text). */
function interaction(path: BenchPath, i: number, titles: ReadonlyMap<string, string>) {
  const r = benchRequest(path, i);
  const { channelId, userId } = discordIds(r);
  const spec: InteractionSpec = {
    ...chatInput('trade', r.command.name, r.command.options, { userId }),
    channelId,
  };
  return { spec, check: titled(titles.get(commandText(r.command)) ?? '') };
}

/** A bot in its child process. */
interface Child {
  readonly exited: () => boolean;
  stats(): Promise<ChildStats>;
  stop(): Promise<void>;
}

type ChildMessage = { ready: true } | { stats: ChildStats };

/** Runs bench/discord-child.ts under tsx, with an IPC channel for its readiness and readings. */
async function startChild(kind: DiscordKind, path: BenchPath, emu: BenchEmulator): Promise<Child> {
  // DISCORD_BENCH_CPU_PROF=<folder> profiles the bots (node --cpu-prof), to see where their time goes.
  const child = startBenchChild<ChildMessage>(
    CHILD,
    [kind, path, emu.apiUrl, emu.token],
    `${kind} bot (${path})`,
    ROOT,
    process.env.DISCORD_BENCH_CPU_PROF,
  );
  const stop = () => child.stop(CHILD_STOP_TIMEOUT_MS);
  try {
    const m = await child.next('before it was ready', () => true, CHILD_START_TIMEOUT_MS);
    if (!('ready' in m)) throw new Error(`the ${kind} bot sent ${JSON.stringify(m)} before it was ready`);
    return {
      exited: () => child.gone(),
      async stats() {
        const answer = child.next('to a stats request', () => true, REQUEST_TIMEOUT_MS);
        child.process.send('stats');
        const reply = await answer;
        if (!('stats' in reply)) throw new Error(`the ${kind} bot sent ${JSON.stringify(reply)}`);
        return reply.stats;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `predicate` every 10 ms for at most `ms`. */
async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Discord bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface LoopResult {
  readonly latencies: number[];
  readonly failed: number;
  readonly deferred: number;
  readonly seconds: number;
}

/** Closed loop: `concurrency` workers each dispatch, await the reply, dispatch again; bounded in time and count. */
async function closedLoop(
  fire: () => Promise<Outcome>,
  o: { concurrency: number; ms: number; maxRequests: number; alive: () => boolean; minRequests?: number },
): Promise<LoopResult> {
  const latencies: number[] = [];
  let failed = 0;
  let deferred = 0;
  let sent = 0;
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + o.ms;
  // A warm-up (minRequests set) also lasts until that many were sent, within WARMUP_CAP_MS.
  const cap = Date.now() + (o.minRequests ? Math.max(o.ms, WARMUP_CAP_MS) : o.ms);
  const more = () => Date.now() < deadline || sent < (o.minRequests ?? 0);
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (more() && Date.now() < cap && sent < o.maxRequests && o.alive()) {
        sent++;
        const outcome = await fire();
        if (!outcome.ok) {
          failed++;
          await new Promise((resolve) => setTimeout(resolve, 10)); // a failing bot must not turn this into a spin
        } else {
          latencies.push(outcome.ms);
          if (outcome.deferred) deferred++;
        }
      }
    }),
  );
  return { latencies, failed, deferred, seconds: msSince(t0) / 1000 };
}

async function runTurn(
  kind: DiscordKind,
  emu: BenchEmulator,
  inflight: Inflight,
  titles: ReadonlyMap<string, string>,
  o: Required<Omit<DiscordBenchOptions, 'progress'>>,
): Promise<Turn> {
  await until(() => emu.readyConnections() === 0, CHILD_STOP_TIMEOUT_MS, 'the previous bot to disconnect');
  const child = await startChild(kind, o.path, emu);
  try {
    await until(
      () => emu.readyConnections() === 1,
      CHILD_START_TIMEOUT_MS,
      `the ${kind} bot's gateway session`,
    );
    let i = 0;
    const fire = () => {
      const { spec, check } = interaction(o.path, i++, titles);
      return inflight.fire(spec, check);
    };
    const alive = () => !child.exited();
    const bound = { concurrency: o.concurrency, maxRequests: o.maxRequests, alive };
    const warm = await closedLoop(fire, {
      ...bound,
      ms: o.warmupSeconds * 1000,
      minRequests: WARMUP_MIN_REQUESTS,
    });
    collectGarbage();
    const before = await child.stats();
    const cpu0 = process.cpuUsage();
    const run = await closedLoop(fire, { ...bound, ms: o.seconds * 1000 });
    const emuCpu = process.cpuUsage(cpu0);
    const after = await child.stats();
    for (const e of after.firstErrors)
      if (inflight.errors.length < 5) inflight.errors.push(`${kind} bot: ${e}`);
    if (child.exited()) throw new Error(`the ${kind} bot exited during its turn`);
    return {
      ok: run.latencies.length,
      seconds: run.seconds,
      latencies: run.latencies,
      errors: warm.failed + run.failed + after.errors,
      deferred: warm.deferred + run.deferred,
      cpuMs: after.cpuMs - before.cpuMs,
      emulatorCpuMs: (emuCpu.user + emuCpu.system) / 1000,
    };
  } finally {
    await child.stop();
  }
}

function figures(turns: readonly Turn[]): DiscordFigures {
  const sum = (f: (t: Turn) => number) => turns.reduce((s, t) => s + f(t), 0);
  const requests = sum((t) => t.ok);
  const seconds = sum((t) => t.seconds);
  const latency = stats(turns.flatMap((t) => t.latencies));
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    maxMs: latency.max,
    errors: sum((t) => t.errors),
    deferred: sum((t) => t.deferred),
    cpuMsPerRequest: requests ? sum((t) => t.cpuMs) / requests : Number.NaN,
    emulatorCpuShare: sum((t) => t.emulatorCpuMs) / 1000 / seconds,
    turns: turns.map((t) => t.ok / t.seconds),
  };
}

/** Runs the comparison; every loop is bounded in time and count, and only 127.0.0.1 is contacted. */
export async function benchDiscord(o: DiscordBenchOptions): Promise<DiscordBenchResult> {
  if (!(o.seconds > 0 && o.seconds <= 60)) throw new Error('benchDiscord: seconds must be in (0, 60]');
  if (!(Number.isInteger(o.concurrency) && o.concurrency >= 1 && o.concurrency <= 256))
    throw new Error('benchDiscord: concurrency must be a whole number from 1 to 256');
  const plan = {
    path: o.path,
    seconds: o.seconds,
    concurrency: o.concurrency,
    warmupSeconds: Math.min(o.warmupSeconds ?? Math.min(1, o.seconds / 2), 10),
    rounds: Math.max(1, Math.min(o.rounds ?? 2, 5)),
    maxRequests: o.maxRequests ?? 1_000_000,
  };
  const replies = await staticReplies(BENCH_NOW_ISO);
  const titles = new Map([...replies].map(([text, reply]) => [text, reply.title]));
  let emu: BenchEmulator | undefined;
  const inflight = new Inflight(() => emu as BenchEmulator);
  emu = await startBenchEmulator(
    { onCallback: inflight.onCallback, onEdit: inflight.onEdit },
    { heartbeatIntervalMs: HEARTBEAT_MS },
  );
  try {
    const turns: Record<DiscordKind, Turn[]> = { bare: [], ours: [] };
    for (let round = 1; round <= plan.rounds; round++) {
      for (const kind of turnOrder(round, KINDS)) {
        const turn = await runTurn(kind, emu, inflight, titles, plan);
        turns[kind].push(turn);
        o.progress?.(
          `discord ${o.path}: ${kind} round ${round}: ${(turn.ok / turn.seconds).toFixed(0)} /s, ` +
            `p99 ${stats(turn.latencies).p99.toFixed(2)} ms, ${turn.errors} errors, ` +
            `${(turn.cpuMs / Math.max(1, turn.ok)).toFixed(3)} CPU ms per reply`,
        );
      }
    }
    const bare = figures(turns.bare);
    const ours = figures(turns.ours);
    const paired = pairedRatio(ours.turns, bare.turns);
    return {
      path: o.path,
      bare,
      ours,
      ratio: paired.median,
      pairRatios: paired.pairs,
      pooledRatio: ours.perSecond / bare.perSecond,
      p99Ratio: ours.p99Ms / bare.p99Ms,
      cpuRatio: ours.cpuMsPerRequest / bare.cpuMsPerRequest,
      problems: [...emu.problems],
      firstErrors: [...inflight.errors],
      concurrency: plan.concurrency,
      rounds: plan.rounds,
    };
  } finally {
    await emu.close();
  }
}
