/**
 * `node --expose-gc --import tsx bench/reply-cache-memory.ts`: the heap one full minute of the Slack reply cache holds
 * at worst: 3,000 answers kept (MAX_KEPT), each of one of the four largest reading answers (`tariffs`, `events
 * when:past days:60`, `event id:paris-talks-2026`, `brief`), each asked twice in its own channel through the real
 * /trade handler (src/platforms/slack/slash-command.ts) and acknowledged through the Socket Mode receiver's
 * serializer, which keeps the JSON of a kept answer. Heap after two full GCs, before and after; compiled code
 * (dist/, built first when stale).
 */
import { compiledSeededBot, ensureDistBuilt } from './compiled-app.js';
import { BENCH_NOW_ISO } from './slack-shared.js';

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
const { MAX_KEPT } = (await import(
  `${ROOT}dist/src/platforms/reply-cache.js`
)) as typeof import('../src/platforms/reply-cache.js');

const t = await compiledSeededBot(BENCH_NOW_ISO);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const slash = slashCommandHandler({
  bot: t.bot,
  log: silent,
  user: async () => ({ isAdmin: false, tz: 'UTC' }),
  adminsAreEditors: true,
});
let serial = 0;
const ask = (channel: string, text: string) =>
  slash({
    command: { text, user_id: 'UBENCH', channel_id: channel, trigger_id: `t${serial++}` },
    ack: async (body) => void payloadJson(body),
    respond: async () => undefined,
  });
const texts = ['tariffs', 'events when:past days:60', 'event id:paris-talks-2026', 'brief'];
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
try {
  // Warm: every answer once, then a new minute, so the cache starts empty.
  for (const text of texts) await ask('CWARM', text);
  (t.bot.clock as unknown as { advance(ms: number): void }).advance(60_000);
  await ask('CWARM', 'help');
  const before = heap();
  for (let i = 0; i < MAX_KEPT; i++) {
    const text = texts[i % texts.length] as string;
    await ask(`C${i}`, text);
    await ask(`C${i}`, text);
  }
  const after = heap();
  process.stdout.write(
    `${MAX_KEPT} answers kept with their JSON: heap +${((after - before) / 1e6).toFixed(1)} MB\n`,
  );
} finally {
  await t.close();
}
