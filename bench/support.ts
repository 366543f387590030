/** Shared pieces of the benchmarks: a bot on a temp store, latency statistics and memory readings. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Bot, createBot } from '../src/bot.js';
import { manualClock } from '../src/clock.js';
import type { Actor } from '../src/commands/context.js';
import { parseConfig } from '../src/config.js';
import type { Logger } from '../src/log/logger.js';
import { CONSOLE_CHANNEL } from '../src/platforms/console.js';
import type { Reply } from '../src/render/reply.js';
import { openStore } from '../src/store/open-store.js';
import type { SeedData } from '../src/store/schema.js';
import type { Store } from '../src/store/store.js';

/** The bench's fixed "now": the Paris talks are three days ahead. */
export const BENCH_NOW = Date.parse('2026-03-12T09:00:00Z');
export const MINUTE = 60_000;

export const reader: Actor = { platform: 'console', id: 'bench', isEditor: false };

/** Errors from commands are counted, not printed, so a broken command shows up as a bench failure. */
export const commandErrors: unknown[] = [];
const log: Logger = { debug() {}, info() {}, warn() {}, error: (_msg, err) => void commandErrors.push(err) };

/** Milliseconds since `start` (a process.hrtime.bigint() reading). */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Runs `fn` and returns how long it took in ms. */
export async function timed(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return msSince(t0);
}

export interface LatencyStats {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles of samples in ms. */
export function stats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return { n: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? 0 };
}

let gcFn: (() => void) | undefined;

/** A full garbage collection, so heap readings compare like with like (gc exposed at run time, no flag needed). */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

export interface Footprint {
  /** Resident set size of the whole process, MB. */
  readonly rssMb: number;
  /** V8 heap in use after a full GC, MB. */
  readonly heapMb: number;
}

export function footprint(): Footprint {
  collectGarbage();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20 };
}

/** A real bot over a real durable store in a fresh temp folder, with a hand-moved clock at BENCH_NOW. */
export interface BenchBot {
  readonly bot: Bot;
  readonly store: Store;
  readonly clock: ReturnType<typeof manualClock>;
  /** Time to open the store: validate the seed, write the file (ms). */
  readonly openMs: number;
  ask(text: string): Promise<Reply>;
  /** Closes the store and removes the temp folder. */
  close(): Promise<void>;
}

export async function openBenchBot(seed: SeedData): Promise<BenchBot> {
  const dir = await mkdtemp(join(tmpdir(), 'trade-brief-bench-'));
  try {
    const file = join(dir, 'store.db.json');
    const config = parseConfig({ DB_FILE: file, TIME_ZONE: 'UTC' }, 'UTC');
    const clock = manualClock(BENCH_NOW);
    const t0 = process.hrtime.bigint();
    const store = await openStore({ file, seed: () => seed, now: () => new Date(clock.now()), backups: 0 });
    const openMs = msSince(t0);
    const bot = createBot(config, store, clock, log);
    return {
      bot,
      store,
      clock,
      openMs,
      ask: (text) => bot.dispatch(text, reader, CONSOLE_CHANNEL),
      async close() {
        try {
          await store.close();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Throws when a reply is an error reply: a bench of a failing command would measure the wrong thing. */
export function expectOk(command: string, reply: Reply): void {
  if (reply.tone === 'error' || commandErrors.length) {
    const why = commandErrors.length ? String(commandErrors[0]) : JSON.stringify(reply.intro ?? []);
    throw new Error(`bench: \`${command}\` did not answer normally: ${reply.title} ${why}`);
  }
}

/** Yields to the event loop (timers and I/O run), unlike `await` on a resolved promise. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Throughput of ours over the bare app's, round by round: in each round both apps take a turn, one after the
 * other (bare first in odd rounds, ours first in even ones, see turnOrder), so the two turns of a round saw
 * nearly the same machine. The median of the pairs' ratios is the result: a slow
 * spell of the shared machine in one turn moves one pair, not the comparison.
 */
export function pairedRatio(
  ours: readonly number[],
  bare: readonly number[],
): { median: number; pairs: number[] } {
  const pairs = ours.map((o, i) => o / (bare[i] ?? Number.NaN));
  const sorted = [...pairs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, pairs };
}

/** Which app goes first in round `round` (from 1): bare first in odd rounds, ours first in even ones. */
export function turnOrder<K>(round: number, kinds: readonly [K, K]): readonly [K, K] {
  return round % 2 === 1 ? kinds : [kinds[1], kinds[0]];
}
