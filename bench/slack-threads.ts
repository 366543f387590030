/**
 * `npx tsx bench/slack-threads.ts [requests] [bare,ours,...]`: CPU per request of each thread of a Slack HTTP
 * app (bench/slack-child.ts on the miss path), read from /proc (Linux only). It answers what process.cpuUsage,
 * which the bench reports, cannot: whether a difference is on the main thread (JavaScript, the garbage
 * collector's main-thread part) or on V8's and libuv's helper threads (concurrent GC and compiler, named
 * "node" here). Each app gets `requests` untimed requests, then `requests` measured ones, 16 in flight,
 * the apps one after another in the order given (repeat a kind to alternate).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { startSlackEmulator } from '../tests/emulators/slack-emulator.js';
import { slashCommandBody } from '../tests/emulators/slack-payloads.js';
import { startBenchChild } from './child-process.js';
import { post } from './slack.js';
import type { SlackKind } from './slack-shared.js';
import { benchRequest, commandText, slackIds } from './workload.js';

const CHILD = new URL('./slack-child.ts', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;
const CONCURRENCY = 16;
/** Linux's clock ticks per second for /proc/<pid>/task/<tid>/stat (USER_HZ). */
const TICKS_PER_S = 100;

/** CPU time (ms) so far of each thread of `pid`, by name; the main thread is "main", helper threads are summed by name. */
function threadCpuMs(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S; // utime + stime
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  return byName;
}

const requests = Number(process.argv[2] ?? 20_000);
const kinds = (process.argv[3] ?? 'bare,ours').split(',') as SlackKind[];
if (!Number.isInteger(requests) || requests < 1 || kinds.some((k) => k !== 'bare' && k !== 'ours')) {
  process.stderr.write('usage: npx tsx bench/slack-threads.ts [requests] [bare,ours,...]\n');
  process.exit(2);
}
const emu = await startSlackEmulator();
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
let serial = 0;
try {
  for (const kind of kinds) {
    const child = startBenchChild<{ ready: true; port: number }>(
      CHILD,
      ['http', kind, 'miss', emu.apiUrl],
      `${kind} http app`,
      ROOT,
    );
    try {
      const { port } = await child.next('before it was ready', (m) => 'ready' in m, 60_000);
      const pid = child.process.pid as number;
      let i = 0;
      const load = async (count: number) => {
        let left = count;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (left-- > 0) {
              const n = ++serial;
              const r = benchRequest('miss', i++);
              const text = commandText(r.command);
              const body = slashCommandBody({
                text,
                ...slackIds(r),
                triggerId: `threads-${n}`,
                responseUrl: emu.responseUrl(`r${n}`),
              });
              const { status } = await post(agent, port, body);
              if (status !== 200) throw new Error(`the ${kind} app answered ${status}`);
            }
          }),
        );
      };
      await load(requests);
      const before = threadCpuMs(pid);
      const t0 = Date.now();
      await load(requests);
      const seconds = (Date.now() - t0) / 1000;
      const perRequest = [...threadCpuMs(pid)]
        .map(([name, ms]) => [name, ((ms - (before.get(name) ?? 0)) * 1000) / requests] as const)
        .filter(([, us]) => us > 0);
      const total = perRequest.reduce((s, [, us]) => s + us, 0);
      process.stdout.write(
        `${kind}: ${(requests / seconds).toFixed(0)} req/s, CPU µs/req ${total.toFixed(0)} (` +
          `${perRequest.map(([name, us]) => `${name} ${us.toFixed(0)}`).join(', ')})\n`,
      );
    } finally {
      await child.stop();
    }
  }
} finally {
  agent.destroy();
  await emu.close();
}
