/**
 * `npm run bench [-- --quick] [-- --no-write]`: runs every benchmark, prints the tables with PASS/FAIL
 * against the targets, and rewrites BENCHMARKS.md. This is the bench's composition root: it alone reads
 * the system clock (for the date of the run) and the machine description.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { BASELINE_COMMAND, benchDispatch, type DispatchResult } from './dispatch.js';
import { benchStoreWrite, type StoreWriteResult } from './store-write.js';
import { type BenchSeeds, benchSeeds, PRNG_SEED } from './synthetic.js';

const BENCHMARKS_FILE = new URL('../BENCHMARKS.md', import.meta.url).pathname;

interface Flags {
  readonly quick: boolean;
  readonly write: boolean;
}

function parseFlags(argv: readonly string[]): Flags {
  const known = new Set(['--quick', '--no-write']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length) {
    process.stderr.write(
      `Unknown option ${unknown.join(' ')}. Usage: npm run bench [-- --quick] [-- --no-write]\n`,
    );
    process.exit(2);
  }
  return { quick: argv.includes('--quick'), write: !argv.includes('--no-write') };
}

/** Iteration counts: full, or small for a smoke run (same sizes; loading 100,000 events takes ~10 s). */
function plan(quick: boolean) {
  return quick
    ? { sizes: [100, 10_000, 100_000], iterations: 200, warmup: 200, writes: 10 }
    : { sizes: [100, 10_000, 100_000], iterations: 2_000, warmup: 2_000, writes: 50 };
}

/** p99 targets for the read commands, by store size (ms). */
const DISPATCH_TARGETS: ReadonlyMap<number, number> = new Map([
  [10_000, 2],
  [100_000, 20],
]);
const STALL_TARGET_MS = 50;

const ms = (x: number) => x.toFixed(3);
const mb = (x: number) => x.toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface Check {
  readonly what: string;
  readonly ok: boolean;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function dispatchTable(d: DispatchResult, checks: Check[]): string {
  const rows = d.rows.map((r) => {
    const target = r.command === BASELINE_COMMAND ? undefined : DISPATCH_TARGETS.get(r.events);
    const ok = target === undefined ? undefined : r.latency.p99 < target;
    if (ok !== undefined)
      checks.push({ what: `\`${r.command}\` p99 at ${count(r.events)} events < ${target} ms`, ok });
    const isBase = r.command === BASELINE_COMMAND && r.events === Math.min(...d.rows.map((x) => x.events));
    return [
      `\`${r.command}\`${isBase ? ' (baseline)' : ''}`,
      count(r.events),
      ms(r.latency.p50),
      ms(r.latency.p99),
      ms(r.latency.max),
      ms(r.cpu.p99),
      `${(r.latency.p99 / d.baselineMs).toFixed(1)}×`,
      target === undefined ? '—' : `p99 < ${target} ms`,
      ok === undefined ? '—' : verdict(ok),
    ];
  });
  return table(
    ['command', 'events', 'p50 ms', 'p99 ms', 'max ms', 'CPU p99 ms', 'p99 × baseline', 'target', 'result'],
    rows,
  );
}

function storeTable(seeds: BenchSeeds, d: DispatchResult, w: StoreWriteResult, checks: Check[]): string {
  const n = count(w.events);
  const stall = (what: string, value: number) => {
    const ok = value < STALL_TARGET_MS;
    checks.push({ what: `longest event-loop stall (${what}) at ${n} events < ${STALL_TARGET_MS} ms`, ok });
    return [`longest event-loop stall, ${what}`, n, ms(value), `< ${STALL_TARGET_MS} ms`, verdict(ok)];
  };
  const rows: string[][] = [
    [
      `generate + validate the synthetic seed (SeedData)`,
      count(seeds.maxN),
      `${ms(seeds.generateMs)} + ${ms(seeds.validateMs)}`,
      '—',
      '—',
    ],
    ...d.loads.flatMap((l) => [
      ['openStore (validate + first write)', count(l.events), ms(l.openMs), '—', '—'],
      ['first timeline build', count(l.events), ms(l.timelineMs), '—', '—'],
    ]),
    ['store.update() one event, p50', n, ms(w.update.p50), '—', '—'],
    ['store.update() one event, p99', n, ms(w.update.p99), '—', '—'],
    ['timeline rebuild after a write, p50', n, ms(w.rebuild.p50), '—', '—'],
    ['timeline rebuild after a write, max', n, ms(w.rebuild.max), '—', '—'],
    ['dispatch during writes, p50', n, ms(w.dispatchDuringWrites.p50), '—', '—'],
    ['dispatch during writes, p99', n, ms(w.dispatchDuringWrites.p99), '—', '—'],
    ['dispatch during writes, max', n, ms(w.dispatchDuringWrites.max), '—', '—'],
    stall('writes alone', w.stallWritesMs),
    stall('writes + dispatches', w.stallMixedMs),
  ];
  const memory = d.loads
    .filter((l) => l.events >= 10_000)
    .flatMap((l) => [
      ['resident memory (RSS) after loading', count(l.events), `${mb(l.after.rssMb)} MB`, '—', '—'],
      ['heap growth from store + timeline', count(l.events), `${mb(l.heapDeltaMb)} MB`, '—', '—'],
    ]);
  return table(['figure', 'events', 'value (ms unless noted)', 'target', 'result'], [...rows, ...memory]);
}

function machine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
}

const EXPLANATION = `Each figure comes from one \`npm run bench\` on a real bot (\`createBot\`) over a real durable store
(\`openStore\` in a temp folder, backups off) and a manual clock starting at 2026-03-12T09:00:00Z.

- **Data**: the events of \`data/seed.json\` first, then synthetic events (a fixed-seed PRNG, so every run
  measures the same documents) up to N, spread over 2024–2028, exact-time and all-day, all kinds, countries and
  statuses, one source each; the real seed's measures. Validated once with the \`SeedData\` schema.
- **Command latency**: one awaited \`bot.dispatch(text)\` (parse, validate options, run, build the reply; not
  the platform rendering), timed with \`process.hrtime.bigint()\`; p50, p99 and max over the iterations after a
  warm-up. The clock moves 3 minutes between samples, so no answer is reused; only the timeline index, built
  once per store revision, is (as in production).
- **CPU p99**: the same samples in process CPU time (\`process.cpuUsage\`, all threads, µs granularity). Wall
  time also counts time the process waited for a core; when p99 is far above CPU p99, the machine was busy.
- **p99 × baseline**: each p99 divided by the p50 of \`help\` at 100 events in the same run. The machine is shared
  and noisy; the ratio compares runs better than the absolute figures.
- **openStore / first timeline build**: opening a new store from the seed (schema validation and the first
  durable write), then the first \`bot.timeline()\` (sorting and indexing all items).
- **store.update()**: one write replacing one event (encode the whole document, write a temp file, fsync, rename,
  fsync the folder), awaited with nothing else running.
- **Event-loop stall**: the longest delay seen by \`perf_hooks.monitorEventLoopDelay\` (1 ms resolution), first
  while the writes ran alone, then while the same number of writes ran with a reader dispatching \`brief\`,
  \`events\` and \`deadlines\` in turn (yielding to the loop between commands).
- **Timeline rebuild**: in that second phase, the reader's first \`bot.timeline()\` after each write (the index
  is rebuilt once per store revision). **Dispatch during writes** is the reader's latency, rebuilds included.
- **Memory**: the process RSS and the V8 heap growth (after a full GC) once the store is open and the timeline
  built; the RSS is of the whole bench process, which also holds the generated seed.`;

function report(o: {
  flags: Flags;
  command: string;
  date: string;
  seconds: number;
  seeds: BenchSeeds;
  dispatchMd: string;
  storeMd: string;
  checks: readonly Check[];
  iterations: number;
  warmup: number;
  writes: number;
}): string {
  const passed = o.checks.filter((c) => c.ok).length;
  const failed = o.checks.filter((c) => !c.ok);
  return `# Benchmarks

${EXPLANATION}

## Latest run

- Date: ${o.date}
- Command: \`${o.command}\`${o.flags.quick ? ' (smoke run: small iteration counts, p99 of 200 samples is rough)' : ''}
- Machine: ${machine()}
- Data: ${o.seeds.realEvents} real events (${o.seeds.origin}) + synthetic events (PRNG seed 0x${PRNG_SEED.toString(16)}) up to N; ${o.seeds.measures} real measures
- Iterations: ${count(o.iterations)} timed dispatches per command and size after ${count(o.warmup)} warm-up ones; ${o.writes} writes per write phase
- Duration: ${o.seconds.toFixed(0)} s

### Command latency (ms)

${o.dispatchMd}

### Store, event loop and memory

${o.storeMd}

### Targets: ${passed} of ${o.checks.length} PASS

${failed.length ? failed.map((c) => `- FAIL: ${c.what}`).join('\n') : '- All targets met.'}
`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const flags = parseFlags(args);
  const p = plan(flags.quick);
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const progress = (line: string) =>
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

  progress(`generating and validating ${count(Math.max(...p.sizes))} events`);
  const seeds = await benchSeeds(Math.max(...p.sizes));
  progress(`seed ready (${seeds.origin}); dispatch at ${p.sizes.map(count).join(', ')} events`);
  const dispatch = await benchDispatch({
    sizes: p.sizes,
    iterations: p.iterations,
    warmup: p.warmup,
    seeds,
    progress,
  });
  progress('store writes at 10,000 events');
  const writes = await benchStoreWrite({ events: 10_000, writes: p.writes, seeds });

  const checks: Check[] = [];
  const dispatchMd = dispatchTable(dispatch, checks);
  const storeMd = storeTable(seeds, dispatch, writes, checks);
  const seconds = (Date.now() - started) / 1000;
  const md = report({
    flags,
    command,
    date: new Date().toISOString(),
    seconds,
    seeds,
    dispatchMd,
    storeMd,
    checks,
    iterations: p.iterations,
    warmup: p.warmup,
    writes: p.writes,
  });
  process.stdout.write(`\n${md.slice(md.indexOf('## Latest run'))}\n`);
  if (flags.write) {
    await writeFile(BENCHMARKS_FILE, md);
    process.stdout.write(`Wrote ${BENCHMARKS_FILE}\n`);
  } else process.stdout.write('BENCHMARKS.md left unchanged (--no-write).\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
