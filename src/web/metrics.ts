import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Observer } from '../observer.js';

/** Our metrics, all under `trade_brief_`, beside prom-client's default process metrics, in one registry. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const r = [registry];
  const commands = new Counter({
    name: 'trade_brief_commands_total',
    help: 'Commands run, by command, platform and outcome (ok, refused, denied, failed).',
    labelNames: ['command', 'platform', 'outcome'] as const,
    registers: r,
  });
  const latency = new Histogram({
    name: 'trade_brief_command_duration_seconds',
    help: 'Time to build a command reply, by command and platform.',
    labelNames: ['command', 'platform'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: r,
  });
  const deliveries = new Counter({
    name: 'trade_brief_deliveries_total',
    help: 'Scheduled posts by platform, kind and outcome (sent, late, missed, failed; a failed attempt counts).',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers: r,
  });
  const lag = new Gauge({
    name: 'trade_brief_scheduler_lag_seconds',
    help: 'How long after its due time the latest post of the last scheduler round went out (0 when none did).',
    registers: r,
  });
  const ticks = new Counter({
    name: 'trade_brief_scheduler_ticks_total',
    help: 'Scheduler rounds finished.',
    registers: r,
  });
  const pending = new Gauge({
    name: 'trade_brief_scheduler_pending_posts',
    help: 'Posts marked pending in the ledger (being posted or waiting for a retry).',
    registers: r,
  });
  const writes = new Histogram({
    name: 'trade_brief_store_write_duration_seconds',
    help: 'Durable store writes (temp file, fsync, rename).',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: r,
  });
  const size = new Gauge({
    name: 'trade_brief_store_size_bytes',
    help: 'Size of the store file after the last write.',
    registers: r,
  });
  // Hook for the source watcher (src/sources): wire its checks and proposals to observer.sourceCheck / proposals.
  const sourceChecks = new Counter({
    name: 'trade_brief_source_checks_total',
    help: 'Checks of official sources, by source and outcome (ok, unchanged, failed).',
    labelNames: ['source', 'outcome'] as const,
    registers: r,
  });
  const proposals = new Counter({
    name: 'trade_brief_proposals_total',
    help: 'Changes proposed from official sources, by source.',
    labelNames: ['source'] as const,
    registers: r,
  });
  const observer: Required<Observer> = {
    command: (run) => {
      commands.inc({ command: run.command, platform: run.platform, outcome: run.outcome });
      latency.observe({ command: run.command, platform: run.platform }, run.seconds);
    },
    delivery: (e) => deliveries.inc({ platform: e.platform, kind: e.kind, outcome: e.outcome }),
    tick: (_at, lagSeconds, pendingPosts) => {
      ticks.inc();
      lag.set(lagSeconds);
      pending.set(pendingPosts);
    },
    storeWrite: (seconds, bytes) => {
      writes.observe(seconds);
      size.set(bytes);
    },
    sourceCheck: (source, outcome) => sourceChecks.inc({ source, outcome }),
    proposals: (source, count) => proposals.inc({ source }, count),
  };
  return { registry, observer };
}
