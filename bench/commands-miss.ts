/**
 * `npx tsx bench/commands-miss.ts [requests] [rounds]`: CPU per command of `bot.dispatch` alone on the miss path
 * (parse the text, validate the options, run the command on the timeline, build the Reply; no platform rendering),
 * in one process. The commands of bench/workload.ts in turn, each from a new channel, the bot's clock moving a
 * minute every 1,000 requests (as at ~1,000 requests a second with the bench's clock). Rounds of `requests` after
 * as many untimed ones; prints CPU µs per request for each round and each command's share (wall µs).
 *
 * `npx tsx bench/commands-miss.ts --dump <file>` writes every bench command's answer at a few hundred instants
 * (the Reply as JSON, its plain text, Slack's response body and Discord's message body) to compare two trees'
 * output byte for byte (`cmp`).
 */
import { writeFileSync } from 'node:fs';
import type { manualClock } from '../src/clock.js';
import type { Actor } from '../src/commands/context.js';
import { messageBody } from '../src/platforms/discord/interactions.js';
import { responseBody } from '../src/platforms/slack/slash-command.js';
import { renderText } from '../src/render/text.js';
import { seededBot } from '../tests/helpers/bot.js';
import { BENCH_NOW_ISO } from './slack-shared.js';
import { benchRequest, COMMANDS, commandText, slackIds } from './workload.js';

const t = await seededBot(BENCH_NOW_ISO);
const clock = t.bot.clock as ReturnType<typeof manualClock>;
const actor: Actor = { platform: 'slack', id: 'UBENCH', isEditor: false };

if (process.argv[2] === '--dump') {
  const out: string[] = [];
  const texts = [
    ...COMMANDS.map(commandText),
    'events when:all',
    'deadlines days:365',
    'tariffs CN',
    'brief share:yes',
    'tariffs china on:2025-06-01',
    'events paris',
    'deadlines 90 country:CN',
    'event beijing summit',
    'events kind:summit all',
    'deadlines days:0',
    'events when:soon',
    'event id:nope-nothing',
    'tariffs country:XX',
  ];
  // Every 7 hours 13 minutes over about 200 days, from before the bench's instant to well after it.
  clock.set(Date.parse(BENCH_NOW_ISO) - 60 * 86_400_000);
  for (let step = 0; step < 660; step++) {
    clock.advance(433 * 60_000);
    for (const text of texts) {
      const zone = step % 3 === 0 ? 'America/New_York' : undefined;
      const reply = await t.bot.dispatch(text, actor, { platform: 'slack', id: `C${step}` }, zone);
      out.push(
        `## ${new Date(clock.now()).toISOString()} ${text}`,
        JSON.stringify(reply),
        renderText(reply, { zone: 'UTC' }),
        renderText(reply, { zone: 'America/New_York' }),
        JSON.stringify(responseBody(reply)),
        JSON.stringify(messageBody(reply)),
      );
    }
  }
  writeFileSync(process.argv[3] ?? '/dev/stdout', `${out.join('\n')}\n`);
  await t.close();
  process.exit(0);
}

const requests = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);

let next = 0;
const perCommand = new Map<string, { ns: bigint; n: number }>();
async function run(count: number, timed: boolean): Promise<number> {
  const batch = Array.from({ length: count }, () => {
    const r = benchRequest('miss', next++);
    return {
      text: commandText(r.command),
      channel: { platform: 'slack' as const, id: slackIds(r).channelId },
    };
  });
  const cpu0 = process.cpuUsage();
  for (let j = 0; j < batch.length; j++) {
    const b = batch[j] as (typeof batch)[number];
    if (j % 1000 === 0) clock.advance(60_000);
    const t0 = process.hrtime.bigint();
    await t.bot.dispatch(b.text, actor, b.channel);
    if (timed) {
      const s = perCommand.get(b.text) ?? { ns: 0n, n: 0 };
      s.ns += process.hrtime.bigint() - t0;
      s.n++;
      perCommand.set(b.text, s);
    }
  }
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / count;
}

await run(requests, false);
const results: number[] = [];
for (let r = 0; r < rounds; r++) {
  const us = await run(requests, true);
  results.push(us);
  process.stdout.write(`round ${r + 1}: ${us.toFixed(2)} µs CPU/request\n`);
}
const sorted = [...results].sort((a, b) => a - b);
process.stdout.write(`median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(2)} µs CPU/request\n`);
for (const [text, s] of perCommand)
  process.stdout.write(`  ${text.padEnd(28)} ${(Number(s.ns) / s.n / 1000).toFixed(2)} µs wall\n`);
await t.close();
