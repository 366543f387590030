// One memory sample of the compiled bot (issue 11), run by bench/memory.ts as
// `node --expose-gc bench/memory-child.mjs <stage>` in a fresh process, with DB_FILE and SEED_FILE set.
// `prepare` starts the bot once (creating the store from the seed file, as a first start does) and exits.
// `measure` starts it again over that file, builds the timeline and answers a few commands. It then runs one
// scheduler round (which writes the cursor), loads what the source watcher's first check loads, and answers the
// commands again. It prints a JSON line of readings taken after full GCs at each step. It imports dist/ (run
// `npm run build` first), never tsx, so nothing but the bot is in the heap.

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

/** RSS, heap in use and memory outside the heap, in bytes, after full collections. */
function reading() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

const NOW = '2026-03-12T09:00:00Z';
const COMMANDS = [
  'brief',
  'events',
  'deadlines days:30',
  'tariffs china',
  'events text:steel',
  'events text:quota',
  'review',
];

const readings = { node: reading() };
const { start } = await import('../dist/src/startup.js');
const { Scheduler } = await import('../dist/src/schedule/scheduler.js');
const { CONSOLE_CHANNEL } = await import('../dist/src/platforms/console.js');
readings.modules = reading();

const app = await start(['--now', NOW]);
if (process.argv[2] === 'prepare') {
  await app.close();
  process.stdout.write('{}\n');
  process.exit(0);
}
const { bot } = app;
readings.opened = reading();

const actor = { platform: 'console', id: 'operator', isEditor: true };
async function answerAll() {
  for (const text of COMMANDS) {
    const reply = await bot.dispatch(text, actor, CONSOLE_CHANNEL);
    if (reply.tone === 'error') throw new Error(`\`${text}\` failed: ${reply.title}`);
  }
}
bot.timeline();
readings.timeline = reading();
await answerAll();
readings.answered = reading();

// One scheduler round, as the running bot does every minute: plans, delivers (into nothing) and saves the cursor.
const scheduler = new Scheduler(bot, async () => ({}), app.log, {});
const revision = bot.store.revision;
await scheduler.tick();
if (bot.store.revision === revision) throw new Error('the scheduler round wrote nothing');
await answerAll();
// The source watcher's first check loads undici and the feed parsers; this machine has no network to check
// against, so the modules are loaded as that check would, and counted.
await import('../dist/src/sources/check-source.js');
await import('undici');
readings.running = reading();

const items = bot.timeline().items.length;
await app.close();
process.stdout.write(`${JSON.stringify({ items, readings })}\n`);
