/**
 * `npx tsx bench/slack-handler.ts [requests] [rounds]`: CPU per request of our /trade handler alone, on the
 * miss path, in one process with no server and no load generator beside it, so a shared machine distorts it
 * little. Each request is what Bolt hands the handler: the command's fields as node:querystring parses a signed
 * form body (as Bolt's HTTPReceiver does), an ack that takes its body's JSON as our Socket Mode receiver does;
 * a new channel every request (no reply-cache hit), the commands of bench/workload.ts in turn, the bot's clock
 * moving a minute every 1,000 requests. The "bare" line does what the bare bench app does per request in the
 * same place: look up a static body and serialize it. Rounds alternate bare and ours after `requests` untimed
 * warm-up requests each. `node --cpu-prof --import tsx bench/slack-handler.ts` profiles it; BENCH_THRASH (below)
 * puts a cold cache between requests; BENCH_FLAT hands the handler the command's strings as JSON.parse makes them.
 */
import { parse } from 'node:querystring';
import type { manualClock } from '../src/clock.js';
import type { JsonBody } from '../src/platforms/slack/json-body.js';
import { responseBody, slashCommandHandler } from '../src/platforms/slack/slash-command.js';
import { payloadJson } from '../src/platforms/slack/socket-receiver.js';
import { slashCommandBody } from '../tests/emulators/slack-payloads.js';
import { seededBot, silentLog } from '../tests/helpers/bot.js';
import { BENCH_NOW_ISO } from './slack-shared.js';
import { benchRequest, commandText, slackIds, staticReplies } from './workload.js';

const requests = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('usage: npx tsx bench/slack-handler.ts [requests] [rounds]\n');
  process.exit(2);
}

type Command = { text: string; user_id: string; channel_id: string; trigger_id: string };

/** Request `i` of the miss path as Bolt's form parsing hands it over. */
function command(i: number): Command {
  const r = benchRequest('miss', i);
  const body = slashCommandBody({
    text: commandText(r.command),
    ...slackIds(r),
    triggerId: `h-${i}`,
    responseUrl: `http://127.0.0.1:1/r/${i}`,
  });
  const fields = parse(body) as unknown as Command;
  return process.env.BENCH_FLAT ? (JSON.parse(JSON.stringify(fields)) as Command) : fields;
}

const t = await seededBot(BENCH_NOW_ISO);
const clock = t.bot.clock as ReturnType<typeof manualClock>;
const handler = slashCommandHandler({
  bot: t.bot,
  log: silentLog,
  user: async () => {
    throw new Error('no users.info on the read path');
  },
  adminsAreEditors: false,
});
const bodies = new Map([...(await staticReplies(BENCH_NOW_ISO))].map(([k, v]) => [k, responseBody(v)]));
let bytes = 0;
// As our Socket Mode receiver's ack: a written answer (JsonBody) as it is, anything else serialized.
const ack = async (body?: Record<string, unknown> | JsonBody) => {
  bytes += payloadJson(body ?? {}).length;
};
const respond = async () => {
  throw new Error('every bench answer is quick');
};

/**
 * BENCH_THRASH=<KiB>: between two requests, read that much memory and serialize an unrelated object, as the
 * server, Bolt and the other requests do between two of our answers in a real process (they evict our code and data
 * from the CPU's caches). Both apps pay it; the difference shows how much a cold cache adds to our answer.
 */
const thrashBytes = Number(process.env.BENCH_THRASH ?? 0) * 1024;
const junk = new Float64Array(Math.max(1, thrashBytes / 8));
const unrelated = {
  a: Array.from({ length: 50 }, (_, i) => ({ id: `x${i}`, v: i, s: 'lorem ipsum dolor' })),
};
let sink = 0;
function thrash(): void {
  if (!thrashBytes) return;
  for (let i = 0; i < junk.length; i += 8) sink += junk[i] as number;
  sink += JSON.stringify(unrelated).length;
}

let next = 0;
async function run(kind: 'bare' | 'ours', count: number): Promise<number> {
  const batch = Array.from({ length: count }, () => command(next++));
  const cpu0 = process.cpuUsage();
  for (let j = 0; j < batch.length; j++) {
    const c = batch[j] as Command;
    if (j % 1000 === 0) clock.advance(60_000);
    thrash();
    if (kind === 'ours') await handler({ command: c, ack, respond });
    else await ack(bodies.get(c.text) ?? {});
  }
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / count;
}

await run('ours', requests);
await run('bare', requests);
for (let r = 0; r < rounds; r++) {
  const bare = await run('bare', requests);
  const ours = await run('ours', requests);
  process.stdout.write(`round ${r + 1}: ours ${ours.toFixed(1)} µs/req, bare ${bare.toFixed(1)} µs/req\n`);
}
// The checksum keeps the thrashing from being optimized away.
process.stdout.write(`(${(bytes / 1e6).toFixed(0)} MB of ack JSON; thrash checksum ${sink})\n`);
await t.close();
