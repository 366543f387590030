/**
 * `node --expose-gc --import tsx bench/reply-cache-memory.ts`: the heap one full minute of the Slack reply cache holds
 * with its largest answers: the JSON size of every reading command below is measured at the bench's clock on the seed
 * store, and the largest is asked twice in each of MAX_KEPT channels (kept on the second ask, as many as MAX_KEPT and
 * MAX_KEPT_CHARS allow, the oldest let go to make room) through the real /trade
 * handler (src/platforms/slack/slash-command.ts), acknowledged through the Socket Mode receiver's payload JSON (a
 * kept answer is its JSON as written). A third ask in each channel counts the answers kept (the same object comes back),
 * which must be as many as the bounds allow. Heap after two full GCs, before and after; compiled code (dist/, built first when stale). Answers grow
 * with the store only as far as paging allows (15 lines a page).
 */
import { compiledSeededBot, ensureDistBuilt } from './compiled-app.js';
import { BENCH_NOW_ISO } from './slack-shared.js';
import { commandText, MIX, MIX_CHANNELS } from './workload.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('usage: node --expose-gc --import tsx bench/reply-cache-memory.ts\n');
  process.exit(2);
}
ensureDistBuilt();
const ROOT = new URL('..', import.meta.url).pathname;
const { slashCommandHandler } = (await import(
  `${ROOT}dist/src/platforms/slack/slash-command.js`
)) as typeof import('../src/platforms/slack/slash-command.js');
const { payloadJson } = (await import(
  `${ROOT}dist/src/platforms/slack/socket-receiver.js`
)) as typeof import('../src/platforms/slack/socket-receiver.js');
const { MAX_KEPT, MAX_KEPT_CHARS } = (await import(
  `${ROOT}dist/src/platforms/reply-cache.js`
)) as typeof import('../src/platforms/reply-cache.js');

const t = await compiledSeededBot(BENCH_NOW_ISO);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const bot: typeof t.bot = Object.create(t.bot, {
  dispatch: {
    value: (...args: Parameters<typeof t.bot.dispatch>) => {
      computed++;
      return t.bot.dispatch(...args);
    },
  },
});
const slash = slashCommandHandler({
  bot,
  log: silent,
  user: async () => ({ isAdmin: false, tz: 'UTC' }),
  adminsAreEditors: true,
});
let serial = 0;
/** Answers computed (not taken from the cache): the bot's dispatch, counted as the handler calls it. */
let computed = 0;
const ask = (channel: string, text: string) =>
  slash({
    command: { text, user_id: 'UBENCH', channel_id: channel, trigger_id: `t${serial++}` },
    ack: async (body) => void payloadJson(body),
    respond: async () => undefined,
  });
/** Reading commands with the longest answers on the seed store; the largest at the bench's clock is used. */
const CANDIDATES = [
  'tariffs',
  'tariffs country:US',
  'events when:past days:365',
  'events when:all',
  'events days:365',
  'deadlines days:365',
  'event id:paris-talks-2026',
  'brief',
  'schedule',
  'help',
];
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
try {
  // Warm, and find the largest answer: each candidate once, then a new minute, so the cache starts empty.
  const sizes = new Map<string, number>();
  const mixTexts = MIX.map(([c]) => commandText(c));
  for (const text of new Set([...CANDIDATES, ...mixTexts]))
    await slash({
      command: { text, user_id: 'UBENCH', channel_id: 'CWARM', trigger_id: `t${serial++}` },
      ack: async (body) => void sizes.set(text, payloadJson(body).length),
      respond: async () => undefined,
    });
  const [text, chars] = [...sizes].filter(([t]) => CANDIDATES.includes(t)).sort((a, b) => b[1] - a[1])[0] as [
    string,
    number,
  ];
  // The bench's mix (bench/workload.ts): its answers' average size, and what a minute of all its keys holds.
  const weights = MIX.reduce((n, [, w]) => n + w, 0);
  const mixAverage = MIX.reduce((n, [c, w]) => n + (sizes.get(commandText(c)) ?? 0) * w, 0) / weights;
  const mixKeys = MIX_CHANNELS * MIX.length;
  (t.bot.clock as unknown as { advance(ms: number): void }).advance(60_000);
  await ask('CWARM', 'help');
  const before = heap();
  for (let i = 0; i < MAX_KEPT; i++) {
    await ask(`C${i}`, text);
    await ask(`C${i}`, text);
  }
  const after = heap();
  // A third ask in every channel, newest first (an answer computed again is kept again, pushing out the oldest).
  const computedBefore = computed;
  for (let i = MAX_KEPT - 1; i >= 0; i--) await ask(`C${i}`, text);
  const kept = MAX_KEPT - (computed - computedBefore);
  const allowed = Math.min(MAX_KEPT, Math.floor(MAX_KEPT_CHARS / chars));
  process.stdout.write(
    `\`${text}\` (${chars} characters of JSON, the largest of ${CANDIDATES.length}) asked twice in ${MAX_KEPT} channels: ${kept} kept (the bounds allow ${allowed}) with their JSON, heap +${((after - before) / 1e6).toFixed(1)} MB\n`,
  );
  process.stdout.write(
    `the mix's answers average ${mixAverage.toFixed(0)} characters of JSON: its ${mixKeys} keys a minute hold ${((mixAverage * mixKeys) / 1e6).toFixed(1)} million, against ${MAX_KEPT_CHARS / 1e6} million allowed\n`,
  );
  if (kept !== allowed) process.exitCode = 1;
} finally {
  await t.close();
}
