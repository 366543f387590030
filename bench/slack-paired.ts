/**
 * `npx tsx bench/slack-paired.ts <http|socket> [miss|mix|hit] [requests] [rounds] [app ...]`: CPU per request of
 * several Slack apps loaded at the same time, for a cost ratio that a shared, busy machine distorts little.
 * bench/slack.ts gives the apps turns, so each turn sees whatever else the machine ran then; here every worker
 * sends the same request to every app at once and waits for all the answers, so all the apps are measured over the
 * same seconds, under the same load, on the same sequence of requests. An app is `bare` or `ours`
 * (bench/slack-child.ts), or `bare@DIR` / `ours@DIR`: the same child run from another checkout of the project
 * (e.g. an earlier commit unpacked with `git archive`), for a before/after in one run. Default apps: bare, ours.
 * Each round: `requests` untimed requests per app, then `requests` timed ones, 16 in flight per app; each app's
 * process reports its CPU time (process.cpuUsage: all its threads) over the timed part.
 * `BENCH_CPU_PROF=<folder>` writes a CPU profile of each app (node --cpu-prof).
 */
import { Agent } from 'node:http';
import { type SlackEmulator, startSlackEmulator } from '../tests/emulators/slack-emulator.js';
import { slashCommandBody, slashCommandFields } from '../tests/emulators/slack-payloads.js';
import { startBenchChild } from './child-process.js';
import { post } from './slack.js';
import type { SlackKind, SlackMode } from './slack-shared.js';
import { type BenchPath, benchRequest, commandText, PATHS, slackIds } from './workload.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CONCURRENCY = 16;

const [mode, pathArg = 'miss', requestsArg = '5000', roundsArg = '3', ...appArgs] = process.argv.slice(2);
const path = pathArg as BenchPath;
const requests = Number(requestsArg);
const rounds = Number(roundsArg);
const specs = (appArgs.length ? appArgs : ['bare', 'ours']).map((a) => {
  const [kind, dir] = a.split('@') as [string, string | undefined];
  return { label: a, kind: kind as SlackKind, root: dir ? `${dir.replace(/\/$/, '')}/` : ROOT };
});
if (
  (mode !== 'http' && mode !== 'socket') ||
  !PATHS.includes(path) ||
  !Number.isInteger(requests) ||
  requests < 1 ||
  !Number.isInteger(rounds) ||
  rounds < 1 ||
  specs.some((s) => s.kind !== 'bare' && s.kind !== 'ours')
) {
  process.stderr.write(
    'usage: npx tsx bench/slack-paired.ts <http|socket> [miss|mix|hit] [requests] [rounds] [bare|ours[@DIR] ...]\n',
  );
  process.exit(2);
}

type Message = { ready: true; port?: number } | { cpu: NodeJS.CpuUsage };

interface App {
  readonly label: string;
  cpuMs(): Promise<number>;
  /** Sends request number `i` of the path; true when answered with status 200 / an ack. */
  fire(i: number, serial: number): Promise<boolean>;
  stop(): Promise<void>;
}

const emus: SlackEmulator[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * specs.length });

async function startApp(spec: (typeof specs)[number]): Promise<App> {
  const emu = await startSlackEmulator();
  emus.push(emu);
  const child = startBenchChild<Message>(
    `${spec.root}bench/slack-child.ts`,
    [mode as SlackMode, spec.kind, path, emu.apiUrl],
    `${spec.label} ${mode} app`,
    spec.root,
    process.env.BENCH_CPU_PROF,
  );
  const ready = await child.next('before it was ready', (m) => 'ready' in m, 120_000);
  const port = 'ready' in ready ? ready.port : undefined;
  if (mode === 'socket') await emu.waitUntil(() => emu.connections() === 1, 60_000);
  const acks = new Map<string, () => void>();
  if (mode === 'socket') emu.streamAcks((id) => acks.get(id)?.());
  const input = (i: number, serial: number) => {
    const r = benchRequest(path, i);
    return {
      text: commandText(r.command),
      ...slackIds(r),
      triggerId: `paired-${serial}`,
      responseUrl: emu.responseUrl(`r${serial}`),
    };
  };
  return {
    label: spec.label,
    async cpuMs() {
      const answer = child.next('to a CPU reading', (m) => 'cpu' in m, 30_000);
      child.process.send('cpu');
      const m = await answer;
      return 'cpu' in m ? (m.cpu.user + m.cpu.system) / 1000 : Number.NaN;
    },
    async fire(i, serial) {
      if (mode === 'http') {
        const { status } = await post(agent, port as number, slashCommandBody(input(i, serial)));
        return status === 200;
      }
      const id = emu.sendEnvelope('slash_commands', slashCommandFields(input(i, serial)));
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          acks.delete(id);
          resolve(false);
        }, 10_000);
        acks.set(id, () => {
          clearTimeout(timer);
          acks.delete(id);
          resolve(true);
        });
      });
    },
    stop: () => child.stop(),
  };
}

const apps: App[] = [];
let serial = 0;
let next = 0;
let errors = 0;
/** `count` requests to every app, CONCURRENCY workers each sending one request to all apps at once. */
async function load(count: number): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const i = next++;
        const oks = await Promise.all(apps.map((a) => a.fire(i, ++serial).catch(() => false)));
        errors += oks.filter((ok) => !ok).length;
      }
    }),
  );
}

try {
  for (const spec of specs) apps.push(await startApp(spec));
  const totals = apps.map(() => 0);
  for (let round = 1; round <= rounds; round++) {
    await load(requests);
    const before = await Promise.all(apps.map((a) => a.cpuMs()));
    const t0 = Date.now();
    await load(requests);
    const seconds = (Date.now() - t0) / 1000;
    const after = await Promise.all(apps.map((a) => a.cpuMs()));
    const us = apps.map((_, k) => (((after[k] as number) - (before[k] as number)) * 1000) / requests);
    us.forEach((v, k) => {
      totals[k] = (totals[k] as number) + v;
    });
    const base = us[0] as number;
    process.stdout.write(
      `${mode} ${path} round ${round} (${(requests / seconds).toFixed(0)} req/s each): ` +
        `${apps.map((a, k) => `${a.label} ${(us[k] as number).toFixed(0)} µs/req (${((us[k] as number) / base).toFixed(2)}×)`).join(', ')}\n`,
    );
  }
  const base = totals[0] as number;
  process.stdout.write(
    `${mode} ${path} all rounds: ${apps.map((a, k) => `${a.label} ${((totals[k] as number) / rounds).toFixed(0)} µs/req (${((totals[k] as number) / base).toFixed(2)}× ${apps[0]?.label})`).join(', ')}; ${errors} errors\n`,
  );
} finally {
  agent.destroy();
  await Promise.all(apps.map((a) => a.stop()));
  for (const emu of emus) await emu.close();
}
