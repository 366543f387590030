import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bot, createBot } from '../../src/bot.js';
import { manualClock } from '../../src/clock.js';
import type { Actor } from '../../src/commands/context.js';
import type { Registry } from '../../src/commands/registry.js';
import { parseConfig } from '../../src/config.js';
import type { Logger } from '../../src/log/logger.js';
import { CONSOLE_CHANNEL } from '../../src/platforms/console.js';
import type { Reply } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { openStore } from '../../src/store/open-store.js';
import { loadSeed } from '../../src/store/seed.js';

export const SEED_FILE = new URL('../../data/seed.json', import.meta.url).pathname;

export const editor: Actor = { platform: 'slack', id: 'UEDITOR', isEditor: true };
export const reader: Actor = { platform: 'slack', id: 'UREADER', isEditor: false };

export const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A real bot on a fresh store made from the real seed, in a temp folder, with a hand-moved clock. */
export async function seededBot(nowIso: string, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'trade-brief-test-'));
  return botOnFile(dir, env, manualClock(Date.parse(nowIso)));
}

export type TestBot = Awaited<ReturnType<typeof seededBot>>;

/** The bot as a new process finds it after a restart: this one's store closed, then opened again from its file. */
export async function restarted(t: TestBot): Promise<TestBot> {
  await t.store.close();
  return botOnFile(t.dir, t.env, manualClock(t.clock.now()));
}

async function botOnFile(dir: string, env: Record<string, string>, clock: ReturnType<typeof manualClock>) {
  const file = join(dir, 'store.db.json');
  const config = parseConfig({ DB_FILE: file, SEED_FILE, TIME_ZONE: 'UTC', ...env }, 'UTC');
  const store = await openStore({
    file,
    seed: () => loadSeed(SEED_FILE),
    now: () => new Date(clock.now()),
    backups: 0,
  });
  const bot: Bot = createBot(config, store, clock, silentLog);
  const ask = (text: string, actor: Actor = editor): Promise<Reply> =>
    bot.dispatch(text, actor, CONSOLE_CHANNEL);
  const say = async (text: string, actor: Actor = editor): Promise<string> =>
    renderText(await ask(text, actor), { zone: 'UTC' });
  return {
    bot,
    clock,
    store,
    file,
    dir,
    env,
    ask,
    say,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The same bot, with every command answered `ms` later: the harness waits before handing the line to
 * the real command (the platforms call `dispatch`, or `registry.run` for typed options). Nothing of the
 * bot is replaced; it stands for a command slower than the platforms' quick window.
 */
export function slowed(bot: Bot, ms: number): Bot {
  const wait = () => new Promise((resolve) => setTimeout(resolve, ms));
  const registry: Registry = Object.create(bot.registry);
  registry.run = async (...args) => {
    await wait();
    return bot.registry.run(...args);
  };
  return {
    ...bot,
    registry,
    dispatch: async (...args) => {
      await wait();
      return bot.dispatch(...args);
    },
  };
}
