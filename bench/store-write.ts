/**
 * Store writes at 10,000 events: the time of one store.update() that replaces one event, the timeline
 * rebuild the next read pays, and the longest event-loop stall while writes (alone, then together with
 * dispatches) run, from perf_hooks.monitorEventLoopDelay at 1 ms resolution.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TradeEvent } from '../src/domain/event.js';
import type { StoreData } from '../src/store/schema.js';
import {
  BENCH_NOW,
  expectOk,
  type LatencyStats,
  MINUTE,
  msSince,
  openBenchBot,
  stats,
  yieldToLoop,
} from './support.js';
import type { BenchSeeds } from './synthetic.js';

export interface StoreWriteResult {
  readonly events: number;
  /** One awaited store.update() with nothing else running (ms). */
  readonly update: LatencyStats;
  /** The reader's first bot.timeline() after a write: the rebuild of the index (ms). */
  readonly rebuild: LatencyStats;
  /** Dispatches (brief, events, deadlines) while writes were in flight, timeline rebuilds included (ms). */
  readonly dispatchDuringWrites: LatencyStats;
  /** Longest event-loop stall while only writes ran (ms). */
  readonly stallWritesMs: number;
  /** Longest event-loop stall while writes and dispatches ran together (ms). */
  readonly stallMixedMs: number;
}

export interface StoreWriteOptions {
  readonly events: number;
  /** Writes per phase. */
  readonly writes: number;
  readonly seeds: BenchSeeds;
}

const READS = ['brief', 'events', 'deadlines days:30'] as const;

/** Replaces event `k` (mod the count) with a copy whose title changed: a realistic one-field edit. */
function editOne(k: number) {
  return (d: StoreData) => {
    const i = k % d.events.length;
    const e = d.events[i] as TradeEvent;
    d.events[i] = { ...e, title: `${e.title.replace(/ \[rev \d+\]$/, '')} [rev ${k}]` };
  };
}

/** A loop-delay histogram at 1 ms resolution; `stop` returns the longest delay seen, in ms. */
function watchLoop() {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  return {
    stop: () => {
      h.disable();
      return h.max / 1e6;
    },
  };
}

export async function benchStoreWrite(o: StoreWriteOptions): Promise<StoreWriteResult> {
  const b = await openBenchBot(o.seeds.seed(o.events));
  try {
    b.bot.timeline();
    for (const r of READS) expectOk(r, await b.ask(r));
    let k = 0;

    // Phase 1: writes alone (nothing reads, so no timeline rebuild).
    const update: number[] = [];
    await b.store.update(editOne(k++)); // warm-up
    const alone = watchLoop();
    for (let i = 0; i < o.writes; i++) {
      const t0 = process.hrtime.bigint();
      await b.store.update(editOne(k++));
      update.push(msSince(t0));
    }
    const stallWritesMs = alone.stop();
    await yieldToLoop();

    // Phase 2: the same writes while a reader dispatches, yielding to the loop between commands. The first
    // read after each write rebuilds the timeline; that rebuild is timed on its own and counted in the dispatch.
    const rebuild: number[] = [];
    const during: number[] = [];
    b.clock.set(BENCH_NOW);
    b.bot.timeline();
    const mixed = watchLoop();
    let writing = true;
    const writer = (async () => {
      try {
        for (let i = 0; i < o.writes; i++) await b.store.update(editOne(k++));
      } finally {
        writing = false;
      }
    })();
    const readerLoop = (async () => {
      let seen = b.store.revision;
      for (let i = 0; writing; i++) {
        const command = READS[i % READS.length] as (typeof READS)[number];
        b.clock.advance(MINUTE);
        const t0 = process.hrtime.bigint();
        if (b.store.revision !== seen) {
          seen = b.store.revision;
          b.bot.timeline();
          rebuild.push(msSince(t0));
        }
        await b.ask(command);
        during.push(msSince(t0));
        await yieldToLoop();
      }
    })();
    await Promise.all([writer, readerLoop]);
    const stallMixedMs = mixed.stop();

    return {
      events: o.events,
      update: stats(update),
      rebuild: stats(rebuild),
      dispatchDuringWrites: stats(during),
      stallWritesMs,
      stallMixedMs,
    };
  } finally {
    await b.close();
  }
}
