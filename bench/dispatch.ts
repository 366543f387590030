/**
 * Command latency: bot.dispatch of read commands over stores of 100, 10,000 and 100,000 events.
 * Each sample is one awaited dispatch timed with process.hrtime.bigint; the clock moves a few minutes
 * between samples so every call answers for a new instant. No answer is reused (dispatch has no reply cache);
 * what stays warm: the per-revision timeline index, the option schemas, and memos of pure functions of their
 * inputs (never of the clock): the text of a calendar date, local midnights, country and zone names.
 */

import {
  BENCH_NOW,
  expectOk,
  type Footprint,
  footprint,
  type LatencyStats,
  MINUTE,
  msSince,
  openBenchBot,
  stats,
} from './support.js';
import type { BenchSeeds } from './synthetic.js';

/** The commands measured; `help` is the trivial baseline (it reads no data). */
export const COMMANDS = ['brief', 'events', 'deadlines days:30', 'help'] as const;
export type BenchCommand = (typeof COMMANDS)[number];
export const BASELINE_COMMAND: BenchCommand = 'help';

export interface DispatchRow {
  readonly events: number;
  readonly command: BenchCommand;
  readonly latency: LatencyStats;
  /** The same samples in process CPU time (user + system): unlike wall time, not inflated while descheduled. */
  readonly cpu: LatencyStats;
}

export interface LoadRow {
  readonly events: number;
  /** openStore: schema validation of the seed and the first durable write (ms). */
  readonly openMs: number;
  /** First bot.timeline() after opening: the index built once per store revision (ms). */
  readonly timelineMs: number;
  /** Process memory after the store is open and the timeline built (after a full GC). */
  readonly after: Footprint;
  /** Heap growth from opening the store and building the timeline, MB. */
  readonly heapDeltaMb: number;
}

export interface DispatchResult {
  readonly rows: DispatchRow[];
  readonly loads: LoadRow[];
  /** p50 of `help` at the smallest size, ms: the same-run baseline. */
  readonly baselineMs: number;
}

export interface DispatchOptions {
  readonly sizes: readonly number[];
  readonly iterations: number;
  readonly warmup: number;
  readonly seeds: BenchSeeds;
  /** Called after each size, for progress output. */
  readonly progress?: (line: string) => void;
}

/** Minutes the clock moves between two samples. */
const STEP_MINUTES = 3;

export async function benchDispatch(o: DispatchOptions): Promise<DispatchResult> {
  const rows: DispatchRow[] = [];
  const loads: LoadRow[] = [];
  for (const n of o.sizes) {
    const before = footprint();
    const b = await openBenchBot(o.seeds.seed(n));
    try {
      const t0 = process.hrtime.bigint();
      b.bot.timeline();
      const timelineMs = msSince(t0);
      const after = footprint();
      loads.push({
        events: n,
        openMs: b.openMs,
        timelineMs,
        after,
        heapDeltaMb: after.heapMb - before.heapMb,
      });
      for (const command of COMMANDS) {
        // Warm-up just before BENCH_NOW, so the JIT has tiered up (brief needs ~1,000 calls) and Intl caches are
        // hot, while the measured instants are new.
        b.clock.set(BENCH_NOW - o.warmup * STEP_MINUTES * MINUTE);
        for (let i = 0; i < o.warmup; i++) {
          b.clock.advance(STEP_MINUTES * MINUTE);
          expectOk(command, await b.ask(command));
        }
        b.clock.set(BENCH_NOW);
        const samples: number[] = new Array(o.iterations);
        const cpu: number[] = new Array(o.iterations);
        for (let i = 0; i < o.iterations; i++) {
          b.clock.advance(STEP_MINUTES * MINUTE);
          const cpu0 = process.cpuUsage();
          const start = process.hrtime.bigint();
          const reply = await b.ask(command);
          samples[i] = msSince(start);
          const used = process.cpuUsage(cpu0);
          cpu[i] = (used.user + used.system) / 1000;
          if (i === 0) expectOk(command, reply);
        }
        rows.push({ events: n, command, latency: stats(samples), cpu: stats(cpu) });
      }
    } finally {
      await b.close();
    }
    o.progress?.(`dispatch: ${n.toLocaleString('en-US')} events done`);
  }
  const smallest = Math.min(...o.sizes);
  const base = rows.find((r) => r.events === smallest && r.command === BASELINE_COMMAND);
  return { rows, loads, baselineMs: base?.latency.p50 ?? Number.NaN };
}
