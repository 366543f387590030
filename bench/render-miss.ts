/**
 * `npx tsx bench/render-miss.ts [requests] [rounds] [DIR]`: time per request (wall clock, one thread; run it on a
 * quiet machine) of each step of a miss-path answer, in one process, as production runs it (dist/, built first when
 * stale): `bot.dispatch` (parse, run, build the Reply), Slack's response body as JSON (Block Kit, written straight as JSON; a
 * tree from before that built objects, timed with their serialization), Discord's message body (embeds)
 * and its JSON. The commands of bench/workload.ts in turn, each from a new channel, the bot's clock moving a minute
 * every 3,000 requests. Nothing is cached between requests but what production keeps too (the timeline of the store
 * revision, lines shared per item and their markup, date tokens). With DIR (another checkout, built), its renderers
 * are measured on the same replies instead, for a before/after: the bot is always this tree's. For scale, the JSON
 * of the bare apps' static bodies (bench/workload.ts: the same answers, rendered once) is timed too: what a bare app
 * serializes per request.
 */
import type { Reply } from '../src/render/reply.js';
import { compiledSeededBot, ensureDistBuilt } from './compiled-app.js';
import { BENCH_NOW_ISO } from './slack-shared.js';
import { benchRequest, commandText, slackIds, staticReplies } from './workload.js';

const [requestsArg = '20000', roundsArg = '4', dirArg] = process.argv.slice(2);
const requests = Number(requestsArg);
const rounds = Number(roundsArg);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('usage: npx tsx bench/render-miss.ts [requests] [rounds] [DIR]\n');
  process.exit(2);
}
const ROOT = new URL('..', import.meta.url).pathname;
const tree = dirArg ? `${dirArg.replace(/\/$/, '')}/` : ROOT;
ensureDistBuilt(ROOT);
if (tree !== ROOT) ensureDistBuilt(tree);
const slashCommand = (await import(`${tree}dist/src/platforms/slack/slash-command.js`)) as Partial<
  typeof import('../src/platforms/slack/slash-command.js')
> &
  Pick<typeof import('../src/platforms/slack/slash-command.js'), 'responseBody'>;
const { responseBody } = slashCommand;
// This tree writes Slack's JSON straight (responseJson); a tree from before it built objects and serialized them.
const slackJson = slashCommand.responseJson ?? ((reply: Reply) => JSON.stringify(responseBody(reply)));
const { messageBody } = (await import(
  `${tree}dist/src/platforms/discord/interactions.js`
)) as typeof import('../src/platforms/discord/interactions.js');

const statics = await staticReplies(BENCH_NOW_ISO);
const staticSlack = new Map([...statics].map(([text, reply]) => [text, responseBody(reply)]));
const staticDiscord = new Map([...statics].map(([text, reply]) => [text, messageBody(reply)]));
const t = await compiledSeededBot(BENCH_NOW_ISO);
const clock = t.bot.clock as unknown as { advance(ms: number): void };
const now = process.hrtime.bigint;
let sink = 0;
let serial = 0;
try {
  for (let round = 1; round <= rounds; round++) {
    const spent = {
      dispatch: 0n,
      slackJson: 0n,
      discord: 0n,
      discordJson: 0n,
      bareSlackJson: 0n,
      bareDiscordJson: 0n,
    };
    for (let k = 0; k < requests; k++) {
      const r = benchRequest('miss', serial++);
      const ids = slackIds(r);
      const text = commandText(r.command);
      const b0 = now();
      sink += JSON.stringify(staticSlack.get(text)).length;
      const b1 = now();
      sink += JSON.stringify(staticDiscord.get(text)).length;
      const t0 = now();
      const reply = await t.bot.dispatch(
        text,
        { platform: 'slack', id: ids.userId, isEditor: false },
        { platform: 'slack', id: ids.channelId },
      );
      const t1 = now();
      sink += slackJson(reply).length;
      const t3 = now();
      const discord = messageBody(reply);
      const t4 = now();
      sink += JSON.stringify(discord).length;
      const t5 = now();
      spent.bareSlackJson += b1 - b0;
      spent.bareDiscordJson += t0 - b1;
      spent.dispatch += t1 - t0;
      spent.slackJson += t3 - t1;
      spent.discord += t4 - t3;
      spent.discordJson += t5 - t4;
      if (k % 3000 === 2999) clock.advance(60_000);
    }
    const us = (ns: bigint) => (Number(ns) / requests / 1000).toFixed(2);
    process.stdout.write(
      `round ${round}: µs per request: dispatch ${us(spent.dispatch)}, Slack JSON ${us(spent.slackJson)}, Discord body ${us(spent.discord)} + JSON ${us(spent.discordJson)}; the bare apps' static JSON: Slack ${us(spent.bareSlackJson)}, Discord ${us(spent.bareDiscordJson)}\n`,
    );
  }
} finally {
  await t.close();
}
if (sink === 0) process.stderr.write('nothing was rendered\n');
