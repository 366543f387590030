/**
 * The app under test as production runs it: the JavaScript tsc compiled into dist/, not tsx's transform of src/
 * (tsx bundles nothing but wraps every named function it meets in a `__name` call, made again for each closure: a
 * cost production never pays, and ours, with more code per request, more than the bare app's). The bench children
 * stay TypeScript under tsx; only their glue runs there. Both apps load our modules from here, so the bare app's
 * receiver and HTTP guard are compiled too. The parent builds dist/ first when it is stale (ensureDistBuilt).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

/** Imports dist/<path> (e.g. `src/bot.js`), typed as its TypeScript source. */
const compiled = <T>(path: string): Promise<T> => import(join(ROOT, 'dist', path));

export const compiledSlack = async () => ({
  ...(await compiled<typeof import('../src/platforms/slack/slack-app.js')>(
    'src/platforms/slack/slack-app.js',
  )),
  ...(await compiled<typeof import('../src/platforms/slack/http-guard.js')>(
    'src/platforms/slack/http-guard.js',
  )),
  ...(await compiled<typeof import('../src/platforms/slack/http-receiver.js')>(
    'src/platforms/slack/http-receiver.js',
  )),
  ...(await compiled<typeof import('../src/platforms/slack/slash-command.js')>(
    'src/platforms/slack/slash-command.js',
  )),
  ...(await compiled<typeof import('../src/platforms/slack/socket-receiver.js')>(
    'src/platforms/slack/socket-receiver.js',
  )),
});

export const compiledDiscord = async () => ({
  ...(await compiled<typeof import('../src/platforms/discord/discord-app.js')>(
    'src/platforms/discord/discord-app.js',
  )),
  ...(await compiled<typeof import('../src/platforms/discord/interactions.js')>(
    'src/platforms/discord/interactions.js',
  )),
});

export type CompiledBot = import('../src/bot.js').Bot;

const silentLog = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A compiled bot over data/seed.json in a temp folder (backups off), with a manual clock at `nowIso`, as
 * tests/helpers/bot.ts builds one from src/.
 */
export async function compiledSeededBot(nowIso: string) {
  const [{ createBot }, { manualClock }, { parseConfig }, { openStore }, { loadSeed }] = await Promise.all([
    compiled<typeof import('../src/bot.js')>('src/bot.js'),
    compiled<typeof import('../src/clock.js')>('src/clock.js'),
    compiled<typeof import('../src/config.js')>('src/config.js'),
    compiled<typeof import('../src/store/open-store.js')>('src/store/open-store.js'),
    compiled<typeof import('../src/store/seed.js')>('src/store/seed.js'),
  ]);
  const seedFile = join(ROOT, 'data/seed.json');
  const dir = await mkdtemp(join(tmpdir(), 'trade-brief-bench-'));
  const file = join(dir, 'store.db.json');
  const clock = manualClock(Date.parse(nowIso));
  const store = await openStore({
    file,
    seed: () => loadSeed(seedFile),
    now: () => new Date(clock.now()),
    backups: 0,
  });
  const bot = createBot(
    parseConfig({ DB_FILE: file, SEED_FILE: seedFile, TIME_ZONE: 'UTC' }, 'UTC'),
    store,
    clock,
    silentLog,
  );
  return {
    bot,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const built = new Set<string>();
/** Builds `root`'s dist/ when missing or older than its sources (once per process); throws when the build fails. */
export function ensureDistBuilt(root = ROOT): void {
  if (built.has(root)) return;
  const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench: the build in ${root} failed`);
  built.add(root);
}
