import { type Args, ArgsError, parseArgs } from './args.js';
import { type Bot, createBot } from './bot.js';
import { type Clock, shiftedClock } from './clock.js';
import { ConfigError, loadEnv, parseConfig } from './config.js';
import { escapeControls } from './domain/control-chars.js';
import { type Logger, streamLogger } from './logger.js';
import { subscribeConsoleOnce } from './platforms/console-subscription.js';
import { createFetcher } from './sources/fetcher.js';
import { SourcesService } from './sources/service.js';
import { loadSourcesFile } from './sources/sources-file.js';
import { StoreError, StoreLockedError } from './store/errors.js';
import { openStore } from './store/open-store.js';
import { openStoreReadOnly } from './store/read-only-store.js';
import { loadSeed } from './store/seed.js';

export interface Started {
  readonly bot: Bot;
  readonly args: Args;
  readonly log: Logger;
  /** Set when the store's lock was held by another process and the store was opened to read only. */
  readonly readOnlyBecause?: string;
  close(): Promise<void>;
}

/** The command-line flags, for a mistake in one of them. */
const USAGE =
  'Flags: --now <ISO instant, e.g. 2026-03-12T09:00:00Z> shifts the clock; --speed <1-100000> runs it faster.';

/**
 * Exit codes: 2 for a configuration or argument problem, 1 for anything else that stops start-up. Messages may
 * quote a store file's or the environment's text, so control characters are escaped (our own line breaks kept
 * only in the configuration list).
 */
export function failStartup(err: unknown): never {
  if (err instanceof ArgsError) {
    process.stderr.write(`${escapeControls(err.message)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(
      `${escapeControls(err.message, true)}\nSee .env.example for every setting and its default.\n`,
    );
    process.exit(2);
  }
  if (err instanceof StoreError) {
    process.stderr.write(`${escapeControls(err.message)}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Could not start: ${escapeControls(err instanceof Error ? err.message : String(err))}\n`,
  );
  process.exit(1);
}

/** The composition root's first half: arguments, configuration, clock and store. The only reader of system time. */
export async function start(
  argv: readonly string[],
  o: { readOnlyIfLocked?: boolean } = {},
): Promise<Started> {
  const args = parseArgs(argv);
  const config = parseConfig(loadEnv(process.env), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const log = streamLogger(config.LOG_LEVEL);
  // A bad sources file is a configuration problem: every entry's problem named, exit 2, before the store opens.
  const sources = await loadSourcesFile(config.SOURCES_FILE);
  if (!sources.ok) throw new ConfigError(sources.problems.map((p) => `SOURCES_FILE ${p}`));
  const clock: Clock =
    args.now === undefined && args.speed === 1
      ? { now: Date.now }
      : shiftedClock(Date.now, args.now ?? Date.now(), args.speed);
  let readOnlyBecause: string | undefined;
  const store = await openStore({
    file: config.DB_FILE,
    seed: () => loadSeed(config.SEED_FILE),
    now: () => new Date(),
    // The CLI reads the store at once while the bot holds it; only a start waits for a holder that is exiting.
    lockPatienceMs: o.readOnlyIfLocked ? 0 : undefined,
  }).catch((error: unknown) => {
    if (!(o.readOnlyIfLocked && error instanceof StoreLockedError)) throw error;
    readOnlyBecause =
      error.pid === undefined ? 'another Trade Brief process' : `the running bot (pid ${error.pid})`;
    return openStoreReadOnly(config.DB_FILE, readOnlyBecause);
  });
  const bot = createBot(config, store, clock, log);
  bot.sources = new SourcesService({
    sources: sources.value,
    fetcher: createFetcher(),
    store,
    clock,
    log,
    background: config.SOURCES_ENABLED,
    readOnlyBecause,
  });
  if (readOnlyBecause === undefined) await subscribeConsoleOnce(bot);
  return { bot, args, log, readOnlyBecause, close: () => store.close() };
}
