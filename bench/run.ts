/**
 * `npm run bench [-- --quick] [-- --no-write]`: runs every benchmark, prints the tables with PASS/FAIL
 * against the targets, and rewrites BENCHMARKS.md. This is the bench's composition root: it alone reads
 * the system clock (for the date of the run) and the machine description.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { benchDiscord, DISCORD_HEADER, describe } from './discord.js';
import { BASELINE_COMMAND, benchDispatch, type DispatchResult } from './dispatch.js';
import { benchSchedule, type ScheduleResult } from './schedule.js';
import {
  type AppFigures,
  benchSlack,
  type ModeResult,
  SLACK_P99_RATIO_TARGET,
  SLACK_RPS_RATIO_TARGET,
  type SlackResult,
} from './slack.js';
import { benchStartup, startupTable } from './startup.js';
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
  const sizes = [100, 10_000, 100_000];
  /** The scheduler bench's store and fan-out, the same in both runs. */
  const scheduler = { events: 100_000, subscriptions: 1_000, channels: 1_000 };
  return quick
    ? {
        sizes,
        iterations: 200,
        warmup: 200,
        writes: 10,
        schedule: {
          ...scheduler,
          windows: 500,
          planBudgetMs: 3_000,
          warmupWindows: 20,
          warmupBudgetMs: 1_000,
        },
        slack: {
          concurrency: 16,
          firstWarmupMs: 1_000,
          warmupMs: 300,
          durationMs: 1_000,
          maxRequests: 50_000,
          rounds: 2,
        },
      }
    : {
        sizes,
        iterations: 2_000,
        warmup: 2_000,
        writes: 50,
        schedule: {
          ...scheduler,
          windows: 1_440,
          planBudgetMs: 30_000,
          warmupWindows: 100,
          warmupBudgetMs: 5_000,
        },
        slack: {
          concurrency: 16,
          firstWarmupMs: 3_000,
          warmupMs: 1_000,
          durationMs: 3_000,
          maxRequests: 200_000,
          rounds: 5,
        },
      };
}

/** p99 targets for the read commands, by store size (ms). */
const DISPATCH_TARGETS: ReadonlyMap<number, number> = new Map([
  [10_000, 2],
  [100_000, 20],
]);
const STALL_TARGET_MS = 50;
/** Scheduler: p99 of one tick's planning (ms). Slack: our app against the bare Bolt app, same run. */
const PLAN_TARGET_MS = 10;

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

const utcTime = (msEpoch: number) => new Date(msEpoch).toISOString().slice(11, 16);

function scheduleTable(r: ScheduleResult, checks: Check[]): string {
  const p = r.plan;
  const size = `${count(p.events)} events, ${count(p.subscriptions)} subs`;
  const planOk = p.plan.p99 < PLAN_TARGET_MS;
  checks.push({
    what: `\`scheduler.plan(now)\` p99 per one-minute tick at ${size} < ${PLAN_TARGET_MS} ms`,
    ok: planOk,
  });
  const t = r.tick;
  const sentOk = t.result.sent === t.channels && t.channelsServed === t.channels;
  checks.push({ what: `09:00 tick sent all ${count(t.channels)} digests, one per channel`, ok: sentOk });
  const fanout = `${count(p.events)} events, ${count(t.channels)} console channels`;
  const rest = t.totalMs - t.writeMs - t.timelineMs - t.deliverMs;
  const planned = Object.entries(p.planned)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${count(n)} ${kind}`)
    .join(', ');
  const rows: string[][] = [
    ['open the store + write the subscriptions', size, ms(r.openMs), '—', '—'],
    [
      'one-minute windows planned',
      size,
      `${count(p.windows)} (00:00–${utcTime(p.lastWindowEnd)} UTC${p.cutShort ? ', cut by the time budget' : ''})`,
      '—',
      '—',
    ],
    ['occurrences planned in those windows', size, planned || 'none', '—', '—'],
    ['`scheduler.plan(now)` per tick, p50', size, ms(p.plan.p50), '—', '—'],
    ['`scheduler.plan(now)` per tick, p99', size, ms(p.plan.p99), `< ${PLAN_TARGET_MS} ms`, verdict(planOk)],
    ['`scheduler.plan(now)` per tick, max', size, ms(p.plan.max), '—', '—'],
    ['`scheduler.plan(now)` per tick, CPU p99', size, ms(p.cpu.p99), '—', '—'],
    ['09:00 digest: `scheduler.plan(09:00)` alone', fanout, ms(t.planMs), '—', '—'],
    ['09:00 digest: one `scheduler.tick()`, total', fanout, ms(t.totalMs), '—', '—'],
    [`… store writes (${t.writes})`, fanout, ms(t.writeMs), '—', '—'],
    [`… timeline rebuilds (${t.timelineBuilds})`, fanout, ms(t.timelineMs), '—', '—'],
    ['… Deliver: renderText of each post', fanout, ms(t.deliverMs), '—', '—'],
    ['… the rest: planning, ledger, building the digests', fanout, ms(rest), '—', '—'],
    [
      '09:00 digest: posts sent (TickResult.sent)',
      fanout,
      `${count(t.result.sent)} (missed ${t.result.missed}, failed ${t.result.failed}); ${count(t.channelsServed)} channels got one`,
      `= ${count(t.channels)}`,
      verdict(sentOk),
    ],
  ];
  return table(['figure', 'size', 'value (ms unless noted)', 'target', 'result'], rows);
}

const MODE_LABEL = { http: 'HTTP', socket: 'Socket Mode' } as const;

function slackTables(r: SlackResult, checks: Check[]): string {
  const modes: readonly ModeResult[] = [r.http, r.socket];
  const appRow = (m: ModeResult, app: 'bare' | 'ours', f: AppFigures) => [
    MODE_LABEL[m.mode],
    app === 'bare' ? "bare Bolt, `ack('ok')`" : 'ours, `/trade brief`',
    f.rps.toFixed(0),
    ms(f.latency.p50),
    ms(f.latency.p99),
    ms(f.latency.max),
    ms(f.cpuPerRequestMs),
    count(f.ok),
    String(f.errors),
    f.runRps.map((x) => x.toFixed(0)).join(', '),
  ];
  const figures = table(
    [
      'mode',
      'app',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'CPU ms/req',
      'replies',
      'errors',
      'req/s per run',
    ],
    modes.flatMap((m) => [appRow(m, 'bare', m.bare), appRow(m, 'ours', m.ours)]),
  );
  const ratioRows = modes.flatMap((m) => {
    const label = MODE_LABEL[m.mode];
    const rpsOk = m.rpsRatio >= SLACK_RPS_RATIO_TARGET;
    const p99Ok = m.p99Ratio <= SLACK_P99_RATIO_TARGET;
    const clean = m.bare.errors === 0 && m.ours.errors === 0;
    checks.push({
      what: `Slack ${label}: our req/s ≥ ${SLACK_RPS_RATIO_TARGET} × the bare app's`,
      ok: rpsOk,
    });
    checks.push({ what: `Slack ${label}: our p99 ≤ ${SLACK_P99_RATIO_TARGET} × the bare app's`, ok: p99Ok });
    checks.push({ what: `Slack ${label}: every request answered as expected`, ok: clean });
    return [
      [
        label,
        `ours ÷ bare, req/s: median over the rounds (${m.pairRatios.map((x) => x.toFixed(2)).join(', ')})`,
        m.rpsRatio.toFixed(2),
        `≥ ${SLACK_RPS_RATIO_TARGET}`,
        verdict(rpsOk),
      ],
      [label, 'ours ÷ bare, req/s of all turns pooled', m.pooledRpsRatio.toFixed(2), '—', '—'],
      [label, 'ours ÷ bare, p99', m.p99Ratio.toFixed(2), `≤ ${SLACK_P99_RATIO_TARGET}`, verdict(p99Ok)],
      [
        label,
        'ours ÷ bare, CPU per request',
        (m.ours.cpuPerRequestMs / m.bare.cpuPerRequestMs).toFixed(2),
        '—',
        '—',
      ],
      [label, 'errors (both apps)', String(m.bare.errors + m.ours.errors), '0', verdict(clean)],
    ];
  });
  return `${figures}\n\n${table(['mode', 'ratio', 'value', 'target', 'result'], ratioRows)}`;
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
  built; the RSS is of the whole bench process, which also holds the generated seed.
- **Scheduler planning** (issue 3): a store of the first 100,000 events and 1,000 subscriptions (a fixed-seed PRNG:
  Slack, Discord and console channels; 20 IANA zones; digests mostly on the hour or half hour from 06:00 to 10:00
  local, the rest at any minute; reminder leads 7 d, 1 d and 1 h or subsets; a third follow one or two countries,
  a fifth some kinds only; some weekdays-only or with the weekly outlook). One sample is one \`scheduler.plan(now)\`
  with the saved cursor one minute before \`now\`, as a tick plans in steady running, over consecutive one-minute
  windows from 2026-03-12 00:00 UTC (a whole day at most; the loop also stops at a time budget, after untimed
  windows of the day before as warm-up). The bench sets the cursor in a view of the store rather than by a write,
  so the timeline and the ledger index stay built, as between real ticks. Target: p99 < 10 ms.
- **09:00 digest tick**: the same store, its subscriptions replaced by 1,000 console channels (digest 09:00 UTC, no
  reminders), the cursor at 08:59, an empty ledger and the timeline built; then one awaited \`scheduler.tick()\`
  with the clock at 09:00:00: it plans, marks the 1,000 posts pending (a store write), builds each digest, hands
  it to a Deliver that renders it with \`renderText\` as the terminal prints it (into a discarded string), and
  records them sent with the new cursor (a second write). The lines marked … split the tick: the store writes, the
  timeline rebuilds a write causes (the timeline is built once per store revision), the Deliver calls, and the
  rest (planning, the ledger, building the 1,000 digest replies). Checked: \`TickResult.sent\` = 1,000, one post
  per channel.
- **Slack** (issue 4): \`/trade brief\` through our app (\`createSlack\` over a bot whose store is opened from
  \`data/seed.json\` in a temp folder, manual clock at 2026-03-12T09:00:00Z, Web API on the test Slack emulator)
  and through a bare Bolt app whose only handler is \`await ack('ok')\`, measured in the same run. Each app runs in
  its own child process (\`bench/slack-child.ts\` under tsx); this process generates the load: 16 requests in
  flight (a closed loop), a warm-up (longer before an app's first run, while its JIT tiers up), then a timed run
  bounded in time and in count; the apps take turns, bare first in odd rounds and ours first in even ones. HTTP mode: signed (v0 HMAC)
  form POSTs to \`/slack/events\` on loopback over keep-alive connections; a reply counts when it is a 200 with
  the expected body (\`ok\`, or our Block Kit brief in the acknowledgement). Socket Mode: the test emulator (one
  per app) sends \`slash_commands\` envelopes over its WebSocket; the time runs until the ack with the expected
  payload comes back (the emulator hands the ack frames over unparsed and the payload is checked by its text, as
  an HTTP reply's body is: parsing every reply in the load generator, on the cores the apps also use, would
  charge a larger answer twice). **req/s** is correct replies over the timed seconds of all an app's turns; p50,
  p99 and max are over all their latencies; **CPU ms/req** is the CPU time of the app's process during the timed
  runs divided by the requests, a cost per request that the machine's other load distorts less than req/s.
  Targets: our req/s ≥ 0.85 × the bare app's, taken round by round (our turn over the bare turn next to it,
  which saw nearly the same machine) and the median of those ratios kept, so that a slow
  spell in one turn moves one pair and not the result; the pooled ratio is shown beside it. Our p99 ≤ 1.25 × the
  bare app's p99. The load generator and the apps share the machine's cores.
  \`BENCH_CPU_PROF=<folder> npm run bench\` also writes a CPU profile of each app (\`node --cpu-prof\`).`;

function report(o: {
  flags: Flags;
  command: string;
  date: string;
  seconds: number;
  seeds: BenchSeeds;
  dispatchMd: string;
  storeMd: string;
  scheduleMd: string;
  slackMd: string;
  slack: { concurrency: number; firstWarmupMs: number; warmupMs: number; durationMs: number; rounds: number };
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
- Slack: ${o.slack.concurrency} requests in flight; per run ${o.slack.warmupMs / 1000} s warm-up (${o.slack.firstWarmupMs / 1000} s before an app's first), then ${o.slack.durationMs / 1000} s timed; ${o.slack.rounds} runs per app and mode, taking turns
- Duration: ${o.seconds.toFixed(0)} s

### Command latency (ms)

${o.dispatchMd}

### Store, event loop and memory

${o.storeMd}

### Scheduler (issue 3)

${o.scheduleMd}

### Slack: our app against a bare Bolt app (issue 4)

${o.slackMd}

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

  // The platform benches first, while this process (their load generator) is small: later phases hold
  // hundreds of MB of generated events, and a load generator with a big heap collects garbage for longer.
  progress('slack: HTTP, then Socket Mode (bare Bolt and ours, in child processes)');
  const slack = await benchSlack({ ...p.slack, progress });
  progress('discord: INTERACTION_CREATE -> reply, bare discord.js and ours (child processes)');
  const discord = await benchDiscord({
    seconds: flags.quick ? 2 : 3,
    rounds: flags.quick ? 2 : 5,
    concurrency: 16,
    progress,
  });

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
  progress(
    `scheduler at ${count(p.schedule.events)} events, ${count(p.schedule.subscriptions)} subscriptions`,
  );
  const schedule = await benchSchedule({ ...p.schedule, seeds, progress });
  progress(
    `scheduler: plan p50 ${ms(schedule.plan.plan.p50)} ms, p99 ${ms(schedule.plan.plan.p99)} ms over ${schedule.plan.windows} windows; ` +
      `09:00 tick ${ms(schedule.tick.totalMs)} ms, sent ${schedule.tick.result.sent}`,
  );
  const checks: Check[] = [];
  const dispatchMd = dispatchTable(dispatch, checks);
  const storeMd = storeTable(seeds, dispatch, writes, checks);
  const scheduleMd = scheduleTable(schedule, checks);
  const discordRows = describe(discord);
  for (const row of discordRows)
    if (row[3] === 'PASS' || row[3] === 'FAIL')
      checks.push({ what: `discord: ${row[0]} ${row[2]}`, ok: row[3] === 'PASS' });
  const slackMd = `${slackTables(slack, checks)}

### Discord: \`/trade brief\` interactions, ours vs a bare discord.js client

INTERACTION_CREATE dispatched by the emulator over the gateway until the bot's reply callback arrives, 16 in flight,
each bot alone in its own child process, 3 s turns alternated five times; the ratio is the median over the rounds of
our turn against the bare turn next to it (bare first in odd rounds, ours first in even ones)
(\`npx tsx bench/discord-main.ts\` runs this part alone). Target: our throughput at least 0.85 of the bare client's.

${table(DISCORD_HEADER, discordRows)}`;
  progress('start-up: one-shot CLI and first answer against node -e 0');
  const startupRounds = flags.quick ? 3 : 11;
  const startup = startupTable(await benchStartup({ rounds: startupRounds }), startupRounds);
  for (const what of startup.failed) checks.push({ what, ok: false });
  for (const row of ['cli.js', 'npm run'])
    if (!startup.failed.some((f) => f.includes(row))) checks.push({ what: `start-up: ${row}`, ok: true });
  const seconds = (Date.now() - started) / 1000;
  const md = report({
    flags,
    command,
    date: new Date().toISOString(),
    seconds,
    seeds,
    dispatchMd,
    storeMd,
    scheduleMd,
    slackMd: `${slackMd}\n\n### Start-up: one-shot answers and the terminal's first answer (issue 11)\n\n${startup.md}`,
    slack: p.slack,
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
