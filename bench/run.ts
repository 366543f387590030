/**
 * `npm run bench [-- --quick] [-- --no-write]`: runs every benchmark, prints the tables with PASS/FAIL
 * against the targets, and rewrites BENCHMARKS.md. This is the bench's composition root: it alone reads
 * the system clock (for the date of the run) and the machine description.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { benchCharts, CHART_EXPLANATION, chartTable } from './charts.js';
import { benchDiscord } from './discord.js';
import { BASELINE_COMMAND, benchDispatch, type DispatchResult } from './dispatch.js';
import { benchFanOut, FAN_OUT_LATENCY_MS, fanOutTable, STORM_SHARE } from './fan-out.js';
import { benchMemory, MEMORY_NOTE, memoryTable, RSS_TARGETS_MB } from './memory.js';
import { fromDiscord, fromSlack, type PlatformRun, platformTables, table } from './platform-table.js';
import { benchSchedule, type ScheduleResult } from './schedule.js';
import { benchSlack } from './slack.js';
import { benchStartup, startupTable } from './startup.js';
import { benchStoreWrite, type StoreWriteResult } from './store-write.js';
import { type BenchSeeds, benchSeeds, PRNG_SEED } from './synthetic.js';
import {
  CLOCK_MINUTES_PER_SECOND,
  commandText,
  MIX,
  MIX_CHANNELS,
  MIX_USERS,
  PATHS,
  WARMUP_CAP_MS,
  WARMUP_MIN_REQUESTS,
} from './workload.js';

const BENCHMARKS_FILE = new URL('../BENCHMARKS.md', import.meta.url).pathname;
/** BENCHMARKS.md from this heading on is written by hand (profiles, reasons for a missed target) and kept. */
const NOTES_HEADING = '## Where the time goes';

/** The hand-written part of BENCHMARKS.md, if any. */
async function handNotes(): Promise<string> {
  const old = await readFile(BENCHMARKS_FILE, 'utf8').catch(() => '');
  const at = old.indexOf(NOTES_HEADING);
  return at < 0 ? '' : `\n${old.slice(at)}`;
}

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
        fanOutChannels: 200,
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
        fanOutChannels: 1_000,
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
const count = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface Check {
  readonly what: string;
  readonly ok: boolean;
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
  return table(['figure', 'events', 'value (ms unless noted)', 'target', 'result'], rows);
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
  warm-up. No answer is reused: \`bot.dispatch\` has no reply cache (ReplyCache sits in the Slack and Discord
  handlers), and the clock moves 3 minutes between samples. What stays warm, as in production: the timeline
  index (built once per store revision), the option schemas (per command and zone), memos of pure functions
  of their inputs, never of the clock (the text of a calendar date, local midnights, zone names, Intl formatters),
  and each item's list line per countdown-and-flags text (the countdown and flags worked out on every call).
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
- **Memory** (issue 11): the compiled bot (\`dist/\`, no tsx) in a fresh \`node --expose-gc\` process per store
  size, never the bench process (which holds the generated events); see that section for the steps.
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
- **Slack and Discord** (issues 4 and 9): /trade commands through our app (\`createSlack\` or \`createDiscord\`
  over a bot whose store is opened from \`data/seed.json\` in a temp folder, manual clock at 2026-03-12T09:00:00Z,
  the Web API or REST on the test emulators) and through a bare app measured in the same run. The bare app is built
  with our client options and receiver (Slack: the same Bolt HTTPReceiver, made by slackHttpReceiver, behind our
  guarded HTTP server, or our Socket Mode receiver; no conversation store, no ignoreSelf step, /trade answered from
  one global middleware as ours is; Discord: a discord.js client with our intents and allowed mentions), and
  answers each command with a static reply: our answer to that command, rendered once at start-up as our Block
  Kit or embeds, so both send replies of the same size and the ratio measures only our own work (parsing the
  command, the timeline queries, building and rendering the answer). The bare Slack app acks with the Block Kit
  object, which is serialized on every request as any Bolt app's \`ack({ blocks })\` is; ours writes its answer
  straight as JSON (\`blockKitJson\`) and acks with that. Each app runs in its own child process
  (\`bench/slack-child.ts\`, \`bench/discord-child.ts\`), whose glue runs under tsx but which load our modules, the
  bot and both apps' receivers from \`dist/\` as production runs them (compiled by tsc, built first when stale: tsx
  would wrap every named closure in a \`__name\` call production never makes); this process generates the load: 16 requests
  in flight (a closed loop), a warm-up (longer before a Slack app's first run, while its JIT tiers up; at least
  ${count(WARMUP_MIN_REQUESTS)} requests however busy the machine, at most ${WARMUP_CAP_MS / 1000} s), then a timed
  run bounded in time and in count; the apps take turns, bare first in odd rounds and ours first in even ones (a
  Discord bot is started afresh for each turn). Slack HTTP: signed (v0 HMAC) form POSTs to \`/slack/events\` over
  keep-alive connections; Socket Mode: \`slash_commands\` envelopes from the test emulator (one per app), timed
  until the ack comes back; Discord: INTERACTION_CREATE over the gateway, timed until the reply callback reaches
  the emulator. A reply counts when it carries the title of our answer to that command (checked in the body's
  text, not parsed, so a larger answer is not charged twice on the shared cores).
  Three paths (\`bench/workload.ts\`; both apps get the same sequence of requests):
  - **miss**: every request comes from a channel never seen before, from one of ${count(MIX_USERS)} users, cycling
    through the ${MIX.length} commands below, and the bot's clock moves ${CLOCK_MINUTES_PER_SECOND} minute per real second. Our
    reply cache is keyed by channel, so no request is answered from it: every answer is computed, built, rendered
    and serialized. What stays warm: the timeline index of the store revision (sorted items, built once per
    revision), the option schemas per command and zone, the parse of a reading command's text (Slack's: a text
    typed again is not lexed and validated again; Discord's typed options are validated every time), memos of pure
    functions of their inputs (the text of a
    calendar date, local midnights, Slack date tokens for an instant, zone names, Intl formatters), and each item's
    list line per countdown-and-flags text with each platform's markup of it (the countdown and flags are worked out
    on every request; the line of an item under a day away changes with each minute of the clock). No answer is
    reused.
  - **mix**: requests from ${MIX_CHANNELS} channels and ${count(MIX_USERS)} users (a fixed-seed hash of the request number picks them),
    the bot's clock moving ${CLOCK_MINUTES_PER_SECOND} minute per real second; commands in these proportions: ${MIX.map(([c, w]) => `\`${commandText(c)}\` ${w}%`).join(', ')}.
    A channel's answer to a command is kept for the rest of its minute (ReplyCache, one minute at a time, at most 3,000
    answers and 8 million characters), as in production: from its second ask.
  - **hit**: \`/trade brief\` from one user in one channel at a fixed clock: every answer after the second comes
    from the reply cache (in Slack, the JSON written for the second).
  **req/s** is correct replies over the timed seconds of all an app's turns; p50, p99 and max are over all their
  latencies; **CPU ms/req** is the CPU time of the app's process during the timed runs divided by the requests, a
  cost per request that the machine's other load distorts less than req/s. The ratio of req/s is taken round by
  round (our turn over the bare turn next to it, which saw nearly the same machine) and the median of those ratios
  kept; the pooled ratio is shown beside it. Targets: miss path req/s ≥ 0.75 × the bare app's and CPU per request ≤
  1.4 ×; mix ≥ 0.9 ×; hit ≥ 0.85 ×; p99 ≤ 1.25 × the bare app's on every path. The load generator and the apps share
  the machine's two cores with whatever else runs, so the load average is noted with the run.
  \`BENCH_CPU_PROF=<folder> npm run bench\` (Slack) and \`DISCORD_BENCH_CPU_PROF=<folder>\` (Discord) also write a
  CPU profile of each app (\`node --cpu-prof\`); \`npx tsx bench/slack-main.ts miss\` and
  \`npx tsx bench/discord-main.ts miss\` run one platform on the paths named.
- **Fan-out** (issue 13): one 09:00 digest round (\`scheduler.tick()\` on a real bot and durable store) to 1,000
  Slack channels, then to 1,000 Discord channels, through the real Slack app (\`createSlack\`) and discord.js client
  (\`createDiscord\`) against the test emulators, each answer delayed by ${FAN_OUT_LATENCY_MS} ms and the platforms' limits enforced
  (Slack: about one post a second per channel, bursts of 3, 429 with Retry-After; Discord: 50 requests a second
  from the bot, 5 posts per channel per 5 s, 429 with retry_after and the X-RateLimit headers). Each platform runs
  twice in the same run: one post after another (1 in flight: the scheduler before issue 13) and at the
  scheduler's default limits (p-queue per platform; Slack's delivery paces each channel, discord.js keeps the
  global and per-route limits). Nothing is cached between rounds: each starts on a fresh store, emulator and
  client; the digests are built for each channel. Counted at the emulator: the channels holding exactly one post,
  and the 429s its limits answered (an injected fault would not count). **CPU** is this process's CPU time during
  the round: the bot, its SDK and the emulator share the process, so when the wall time nears the CPU time the
  round waited for the machine, not for the platform. Targets: Slack within 15 s, Discord within 25 s, and no 429
  storm (at most ${STORM_SHARE * 100}% of the posts refused). \`npx tsx bench/fan-out-main.ts\` runs it alone.`;

function report(o: {
  flags: Flags;
  command: string;
  date: string;
  seconds: number;
  seeds: BenchSeeds;
  dispatchMd: string;
  storeMd: string;
  scheduleMd: string;
  platformMd: string;
  fanOutMd: string;
  slack: { concurrency: number; firstWarmupMs: number; warmupMs: number; durationMs: number; rounds: number };
  load: readonly number[];
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
- Slack: ${o.slack.concurrency} requests in flight; per run ${o.slack.warmupMs / 1000} s warm-up (${o.slack.firstWarmupMs / 1000} s before an app's first), then ${o.slack.durationMs / 1000} s timed; ${o.slack.rounds} runs per app, mode and path, taking turns. Discord: the same, with ${o.slack.durationMs / 1000} s turns, each in a fresh process after a ${o.slack.firstWarmupMs / 1000} s warm-up
- Machine load (1-minute load average on ${cpus().length} cores) before, between and after the platform benches (the last after the fan-out bench): ${o.load.map((x) => x.toFixed(1)).join(', ')}
- Duration: ${o.seconds.toFixed(0)} s

### Command latency (ms)

${o.dispatchMd}

### Store and event loop

${o.storeMd}

### Scheduler (issue 3)

${o.scheduleMd}

### Slack and Discord: our app against a bare app, on the miss, mix and hit paths (issues 4 and 9)

${o.platformMd}

### Fan-out: a digest round to 1,000 channels at the platforms' limits (issue 13)

${o.fanOutMd}

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
  const load = [loadavg()[0] ?? 0];
  progress('slack: miss, mix and hit paths; HTTP, then Socket Mode (bare Bolt and ours, in child processes)');
  const slack = await benchSlack({ ...p.slack, progress });
  load.push(loadavg()[0] ?? 0);
  const runs: PlatformRun[] = slack.flatMap((r) => [fromSlack(r.http), fromSlack(r.socket)]);
  for (const path of PATHS) {
    progress(`discord ${path}: INTERACTION_CREATE -> reply, bare discord.js and ours (child processes)`);
    const discord = await benchDiscord({
      path,
      seconds: p.slack.durationMs / 1000,
      // Every Discord turn is a fresh process: each gets the warm-up a Slack app gets before its first run.
      warmupSeconds: p.slack.firstWarmupMs / 1000,
      rounds: p.slack.rounds,
      concurrency: p.slack.concurrency,
      progress,
    });
    for (const e of discord.firstErrors) progress(`discord ${path} error: ${e}`);
    runs.push(fromDiscord(discord));
  }
  load.push(loadavg()[0] ?? 0);
  runs.sort((a, b) => PATHS.indexOf(a.path) - PATHS.indexOf(b.path));
  const fanOut = await benchFanOut({ channels: p.fanOutChannels, progress });
  load.push(loadavg()[0] ?? 0);

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
  const platformMd = platformTables(runs, checks);
  const fanOutMd = fanOutTable(fanOut, checks);
  progress('charts: chart tariffs CN and chart timeline against resvg on a fixed SVG');
  const charts = chartTable(
    await benchCharts(flags.quick ? { iterations: 10, warmup: 3 } : { iterations: 50, warmup: 10 }),
    checks,
  );
  progress('start-up: one-shot CLI and first answer against node -e 0');
  const startupRounds = flags.quick ? 3 : 11;
  const startup = startupTable(await benchStartup({ rounds: startupRounds }), startupRounds);
  for (const what of startup.failed) checks.push({ what, ok: false });
  for (const row of ['cli.js', 'npm run'])
    if (!startup.failed.some((f) => f.includes(row))) checks.push({ what: `start-up: ${row}`, ok: true });
  progress('memory: the compiled bot in a fresh child process per size');
  const memory = memoryTable(await benchMemory({ sizes: [0, 10_000, 100_000], seeds, progress }));
  for (const what of memory.failed) checks.push({ what, ok: false });
  for (const [n, mb] of RSS_TARGETS_MB)
    if (!memory.failed.some((f) => f.includes(count(n))))
      checks.push({ what: `memory: RSS at ${count(n)} events ≤ ${mb} MB`, ok: true });
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
    platformMd: `${platformMd}\n\n### Start-up: one-shot answers and the terminal's first answer (issue 11)\n\n${startup.md}\n\n### Memory: the compiled bot, a fresh process per size (issue 11)\n\n${MEMORY_NOTE}\n\n${memory.md}\n\n### Charts (issue 12)\n\n${CHART_EXPLANATION}\n\n${charts}`,
    fanOutMd,
    slack: p.slack,
    load,
    checks,
    iterations: p.iterations,
    warmup: p.warmup,
    writes: p.writes,
  });
  process.stdout.write(`\n${md.slice(md.indexOf('## Latest run'))}\n`);
  if (flags.write) {
    await writeFile(BENCHMARKS_FILE, md + (await handNotes()));
    process.stdout.write(`Wrote ${BENCHMARKS_FILE}\n`);
  } else process.stdout.write('BENCHMARKS.md left unchanged (--no-write).\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
