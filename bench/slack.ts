/**
 * Slack (issues 4 and 9): /trade commands through our app (createSlack over a seeded bot) against a bare Bolt app
 * that acks each with a static reply of the same size, both in child processes (bench/slack-child.ts), measured
 * in the same run, on the three paths of bench/workload.ts (miss, mix, hit):
 * - HTTP mode: signed slash-command POSTs on loopback from a keep-alive http.Agent loop in this process;
 * - Socket Mode: `slash_commands` envelopes from the Slack emulator (one per app), timed until the ack arrives.
 * A closed loop keeps `concurrency` requests in flight; each run has a warm-up, then is bounded in time and count;
 * the app's process reports its CPU time over the timed part (IPC), for a cost per request;
 * the apps take turns (bare, ours, bare, ours...) to spread the machine's noise over both.
 */
import { Agent, request } from 'node:http';
import { type SlackEmulator, startSlackEmulator } from '../tests/emulators/slack-emulator.js';
import { slashCommandBody, slashCommandFields } from '../tests/emulators/slack-payloads.js';
import { signedFormHeaders } from '../tests/emulators/slack-signing.js';
import { startBenchChild } from './child-process.js';
import { BENCH_NOW_ISO, BENCH_SIGNING_SECRET, type SlackKind, type SlackMode } from './slack-shared.js';
import { type LatencyStats, msSince, pairedRatio, stats, turnOrder } from './support.js';
import {
  type BenchPath,
  benchRequest,
  commandText,
  PATHS,
  slackIds,
  staticReplies,
  WARMUP_CAP_MS,
  WARMUP_MIN_REQUESTS,
} from './workload.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CHILD = new URL('./slack-child.ts', import.meta.url).pathname;
/** A request not answered within this time counts as an error. */
const REQUEST_TIMEOUT_MS = 5_000;
const CHILD_START_TIMEOUT_MS = 60_000;
export const KINDS = ['bare', 'ours'] as const satisfies readonly SlackKind[];

export interface SlackOptions {
  readonly concurrency: number;
  /** Untimed load before each timed run (ms); longer before an app's first run, while its JIT tiers up. */
  readonly warmupMs: number;
  readonly firstWarmupMs: number;
  /** Each timed run lasts this long (ms), or until maxRequests were sent. */
  readonly durationMs: number;
  readonly maxRequests: number;
  /** How many times each app takes its turn, per mode. */
  readonly rounds: number;
  /** The paths measured (default: all, miss first). */
  readonly paths?: readonly BenchPath[];
  readonly progress?: (line: string) => void;
}

/** One timed run of one app. */
interface Run {
  readonly ok: number;
  readonly errors: number;
  readonly seconds: number;
  readonly latencies: number[];
  /** CPU time the app's process used during the timed part (ms). */
  readonly serverCpuMs: number;
}

export interface AppFigures {
  /** Correct replies per second over all timed runs. */
  readonly rps: number;
  readonly latency: LatencyStats;
  readonly ok: number;
  /** Failed requests, timeouts and wrong replies. */
  readonly errors: number;
  /** Replies per second of each run, in order. */
  readonly runRps: readonly number[];
  /** CPU time of the app's process per request (ms), over the timed runs: the cost of one request. */
  readonly cpuPerRequestMs: number;
}

export interface ModeResult {
  readonly path: BenchPath;
  readonly mode: SlackMode;
  readonly bare: AppFigures;
  readonly ours: AppFigures;
  /** Median over the rounds of ours / bare req/s (target >= 0.85; see pairedRatio), and each pair's ratio. */
  readonly rpsRatio: number;
  readonly pairRatios: readonly number[];
  /** ours.rps / bare.rps over all turns pooled, for reference. */
  readonly pooledRpsRatio: number;
  /** ours p99 / bare p99 over all their latencies (target <= 1.25). */
  readonly p99Ratio: number;
  /** ours / bare CPU time per request. */
  readonly cpuRatio: number;
}

/** Both modes on one path. */
export interface SlackResult {
  readonly path: BenchPath;
  readonly http: ModeResult;
  readonly socket: ModeResult;
}

/** Closed loop: `concurrency` workers each send, await the reply, send again; bounded in time and count. */
async function closedLoop(app: App, warmupMs: number, o: SlackOptions): Promise<Run> {
  const { fire } = app;
  const warmUntil = Date.now() + warmupMs;
  const warmCap = Date.now() + Math.max(warmupMs, WARMUP_CAP_MS);
  const warmed = () => Date.now() >= warmUntil && warm >= WARMUP_MIN_REQUESTS;
  let warm = 0;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (!warmed() && Date.now() < warmCap && warm++ < o.maxRequests) await fire().catch(() => false);
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const cpu0 = await app.child.cpuMs();
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + o.durationMs;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (Date.now() < deadline && sent < o.maxRequests) {
        sent++;
        const s = process.hrtime.bigint();
        const good = await fire().catch(() => false);
        if (good) latencies.push(msSince(s));
        else errors++;
      }
    }),
  );
  const seconds = msSince(t0) / 1000;
  const serverCpuMs = (await app.child.cpuMs()) - cpu0;
  return { ok: latencies.length, errors, seconds, latencies, serverCpuMs };
}

function figures(runs: readonly Run[]): AppFigures {
  const ok = runs.reduce((s, r) => s + r.ok, 0);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return {
    rps: ok / seconds,
    latency: stats(runs.flatMap((r) => r.latencies)),
    ok,
    errors: runs.reduce((s, r) => s + r.errors, 0),
    runRps: runs.map((r) => r.ok / r.seconds),
    cpuPerRequestMs:
      runs.reduce((s, r) => s + r.serverCpuMs, 0) / runs.reduce((s, r) => s + r.ok + r.errors, 0),
  };
}

/** A child process running one app; `port` is set in HTTP mode. */
interface Child {
  readonly port?: number;
  /** The child's CPU time so far (user + system, ms). */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the children of both apps, adding each to `children` (stopped by the caller) even when the other fails. */
async function startBoth(
  path: BenchPath,
  mode: SlackMode,
  apiUrl: (kind: SlackKind) => string,
  children: Child[],
): Promise<Record<SlackKind, Child>> {
  const settled = await Promise.allSettled(KINDS.map((kind) => startChild(path, mode, kind, apiUrl(kind))));
  for (const s of settled) if (s.status === 'fulfilled') children.push(s.value);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [bare, ours] = settled.map((s) => (s as PromiseFulfilledResult<Child>).value) as [Child, Child];
  return { bare, ours };
}

type ChildMessage = { ready: true; port?: number } | { cpu: NodeJS.CpuUsage };

/** Runs bench/slack-child.ts under tsx, with an IPC channel for its readiness and CPU readings. */
async function startChild(path: BenchPath, mode: SlackMode, kind: SlackKind, apiUrl: string): Promise<Child> {
  // BENCH_CPU_PROF=<folder> profiles the apps (node --cpu-prof), to see where their time goes.
  const child = startBenchChild<ChildMessage>(
    CHILD,
    [mode, kind, path, apiUrl],
    `${kind} ${mode} app (${path})`,
    ROOT,
    process.env.BENCH_CPU_PROF,
  );
  const stop = () => child.stop();
  try {
    const ready = await child.next('before it was ready', (m) => 'ready' in m, CHILD_START_TIMEOUT_MS);
    return {
      port: 'ready' in ready ? ready.port : undefined,
      async cpuMs() {
        const answer = child.next('to a CPU reading', (m) => 'cpu' in m, REQUEST_TIMEOUT_MS);
        child.process.send('cpu');
        const m = await answer;
        return 'cpu' in m ? (m.cpu.user + m.cpu.system) / 1000 : Number.NaN;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A signed slash-command POST on a keep-alive connection; resolves with the status and the body. */
export function post(agent: Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          ...signedFormHeaders(BENCH_SIGNING_SECRET, body),
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * What both apps must answer in the acknowledgement: Block Kit whose header is the title of our answer to that
 * command (`headers`: the expected header block's JSON by command text). The body is checked by its text, not
 * parsed: parsing every reply here, on the cores the apps also use, would charge a larger answer twice.
 */
async function expectedHeaders(): Promise<Map<string, string>> {
  const replies = await staticReplies(BENCH_NOW_ISO);
  return new Map(
    [...replies].map(([text, r]) => [
      text,
      `"type":"header","text":{"type":"plain_text","text":${JSON.stringify(r.title)}`,
    ]),
  );
}
const replyOk = (headers: Map<string, string>, text: string, body: string | undefined) => {
  const header = headers.get(text);
  return header !== undefined && body?.includes(header) === true;
};

/** An app under load: its process, and one request to it (true when answered as expected). */
interface App {
  readonly child: Child;
  readonly fire: () => Promise<boolean>;
}

/** Runs the turns (bare, ours) × rounds and returns the comparison. */
async function compare(
  path: BenchPath,
  mode: SlackMode,
  apps: Record<SlackKind, App>,
  o: SlackOptions,
): Promise<ModeResult> {
  const runs: Record<SlackKind, Run[]> = { bare: [], ours: [] };
  for (let round = 1; round <= o.rounds; round++) {
    for (const kind of turnOrder(round, KINDS)) {
      const run = await closedLoop(apps[kind], round === 1 ? o.firstWarmupMs : o.warmupMs, o);
      runs[kind].push(run);
      o.progress?.(
        `slack ${mode} ${path}: ${kind} round ${round}: ${(run.ok / run.seconds).toFixed(0)} req/s, ` +
          `${run.errors} errors, ${(run.serverCpuMs / Math.max(1, run.ok + run.errors)).toFixed(3)} CPU ms/req`,
      );
    }
  }
  const bare = figures(runs.bare);
  const ours = figures(runs.ours);
  const paired = pairedRatio(ours.runRps, bare.runRps);
  return {
    path,
    mode,
    bare,
    ours,
    rpsRatio: paired.median,
    pairRatios: paired.pairs,
    pooledRpsRatio: ours.rps / bare.rps,
    p99Ratio: ours.latency.p99 / bare.latency.p99,
    cpuRatio: ours.cpuPerRequestMs / bare.cpuPerRequestMs,
  };
}

/** The slash-command fields of request `i` of `path` (ids from `serial`, unique in the run). */
function slashInput(path: BenchPath, i: number, serial: number, responseUrl: string) {
  const r = benchRequest(path, i);
  const text = commandText(r.command);
  return { text, fields: { text, ...slackIds(r), triggerId: `bench-${serial}`, responseUrl } };
}

async function benchHttp(
  path: BenchPath,
  headers: Map<string, string>,
  o: SlackOptions,
): Promise<ModeResult> {
  // The emulator answers the apps' auth.test at start-up; a read command needs no other Web API call.
  const emu = await startSlackEmulator();
  const children: Child[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  try {
    const apps = await startBoth(path, 'http', () => emu.apiUrl, children);
    let serial = 0;
    // Each app gets the same sequence of requests.
    const fireAt = (kind: SlackKind) => {
      let i = 0;
      return async () => {
        const port = apps[kind].port;
        if (port === undefined) throw new Error(`the ${kind} app reported no port`);
        const n = ++serial;
        const { text, fields } = slashInput(path, i++, n, emu.responseUrl(`r${n}`));
        const r = await post(agent, port, slashCommandBody(fields));
        return r.status === 200 && replyOk(headers, text, r.text);
      };
    };
    return await compare(
      path,
      'http',
      { bare: { child: apps.bare, fire: fireAt('bare') }, ours: { child: apps.ours, fire: fireAt('ours') } },
      o,
    );
  } finally {
    agent.destroy();
    await Promise.all(children.map((c) => c.stop()));
    await emu.close();
  }
}

/**
 * Resolves with the text of each envelope's ack frame (undefined after REQUEST_TIMEOUT_MS). The emulator hands
 * the acks over unparsed (streamAcks), as the HTTP loop reads a reply's body: parsing every reply would charge
 * the load generator, on the same cores as the app, more for a larger answer.
 */
function ackWaiter(emu: SlackEmulator): (envelopeId: string) => Promise<string | undefined> {
  const pending = new Map<string, (text: string | undefined) => void>();
  emu.streamAcks((id, text) => pending.get(id)?.(text));
  return (id) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => settle(undefined), REQUEST_TIMEOUT_MS);
      const settle = (text: string | undefined) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(text);
      };
      pending.set(id, settle);
    });
}

async function benchSocket(
  path: BenchPath,
  headers: Map<string, string>,
  o: SlackOptions,
): Promise<ModeResult> {
  // One emulator per app: an envelope goes to every client connected to an emulator.
  const emus: Partial<Record<SlackKind, SlackEmulator>> = {};
  const children: Child[] = [];
  try {
    for (const kind of KINDS) emus[kind] = await startSlackEmulator();
    const apps = await startBoth(path, 'socket', (kind) => (emus[kind] as SlackEmulator).apiUrl, children);
    for (const kind of KINDS) {
      const emu = emus[kind] as SlackEmulator;
      await emu.waitUntil(() => emu.connections() === 1, CHILD_START_TIMEOUT_MS);
    }
    let serial = 0;
    const fireAt = (kind: SlackKind) => {
      const emu = emus[kind] as SlackEmulator;
      const ackOf = ackWaiter(emu);
      let i = 0;
      return async () => {
        const n = ++serial;
        const { text, fields } = slashInput(path, i++, n, emu.responseUrl(`r${n}`));
        const id = emu.sendEnvelope('slash_commands', slashCommandFields(fields));
        return replyOk(headers, text, await ackOf(id));
      };
    };
    return await compare(
      path,
      'socket',
      { bare: { child: apps.bare, fire: fireAt('bare') }, ours: { child: apps.ours, fire: fireAt('ours') } },
      o,
    );
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    for (const emu of Object.values(emus)) await emu?.close();
  }
}

/** Both modes on each path (o.paths, default all). */
export async function benchSlack(o: SlackOptions): Promise<SlackResult[]> {
  const headers = await expectedHeaders();
  const results: SlackResult[] = [];
  for (const path of o.paths ?? PATHS) {
    const http = await benchHttp(path, headers, o);
    const socket = await benchSocket(path, headers, o);
    results.push({ path, http, socket });
  }
  return results;
}
