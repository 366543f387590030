import { type Args, ArgsError, parseArgs } from './args.js';
import { type Bot, createBot } from './bot.js';
import { type Clock, shiftedClock } from './clock.js';
import { ConfigError, loadEnv, parseConfig } from './config.js';
import { escapeControls } from './domain/control-chars.js';
import type { Logger } from './log/logger.js';
import { createLogger } from './log/pino-logger.js';
import type { Observer } from './observer.js';
import { subscribeConsoleOnce } from './platforms/console-subscription.js';
import { createFetcher } from './sources/fetcher.js';
import { SourcesService } from './sources/service.js';
import { loadSourcesFile } from './sources/sources-file.js';
import { StoreError, StoreLockedError } from './store/errors.js';
import { observedStore } from './store/observed-store.js';
import { openStore } from './store/open-store.js';
import { openPgStore } from './store/pg/open-pg-store.js';
import { openStoreReadOnly } from './store/read-only-store.js';
import { loadSeed, seedDigest } from './store/seed.js';
import type { Store } from './store/store.js';

export interface Started {
  readonly bot: Bot;
  readonly args: Args;
  readonly log: Logger;
  /** Set when the store's lock was held by another process and the store was opened to read only. */
  readonly readOnlyBecause?: string;
  /** What the bot and its store report to; empty until metrics are wired in (main, with WEB_PORT). */
  readonly observer: Observer;
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
  o: { readOnlyIfLocked?: boolean; readOnly?: boolean } = {},
): Promise<Started> {
  const args = parseArgs(argv);
  const config = parseConfig(loadEnv(process.env), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const format =
    config.LOG_FORMAT === 'auto' ? (process.stderr.isTTY ? 'pretty' : 'json') : config.LOG_FORMAT;
  const log = createLogger({ level: config.LOG_LEVEL, format });
  // A bad sources file is a configuration problem: every entry's problem named, exit 2, before the store opens.
  const sources = await loadSourcesFile(config.SOURCES_FILE);
  if (!sources.ok) throw new ConfigError(sources.problems.map((p) => `SOURCES_FILE ${p}`));
  const clock: Clock =
    args.now === undefined && args.speed === 1
      ? { now: Date.now }
      : shiftedClock(Date.now, args.now ?? Date.now(), args.speed);
  let readOnlyBecause: string | undefined;
  const pg = config.DATABASE_URL;
  const quick = o.readOnly && !pg ? await readOnlyIfPresent(config.DB_FILE) : undefined;
  // Only a start brings a corrected seed in; the CLI's one-shot opens leave the store as it is.
  const digest = o.readOnlyIfLocked ? undefined : () => seedDigest(config.SEED_FILE);
  const seed = () => loadSeed(config.SEED_FILE);
  const now = () => new Date();
  const store = await (pg
    ? openPgStore({ url: pg, schema: config.DATABASE_SCHEMA, seed, seedDigest: digest, log, now })
    : quick
      ? Promise.resolve(quick)
      : openStore({
          file: config.DB_FILE,
          seed,
          seedDigest: digest,
          log,
          now,
          // The CLI reads the store at once while the bot holds it; only a start waits for a holder that is exiting.
          lockPatienceMs: o.readOnlyIfLocked ? 0 : undefined,
        })
  ).catch((error: unknown) => {
    if (!(o.readOnlyIfLocked && error instanceof StoreLockedError)) throw error;
    readOnlyBecause =
      error.pid === undefined ? 'another Trade Brief process' : `the running bot (pid ${error.pid})`;
    return openStoreReadOnly(config.DB_FILE, readOnlyBecause);
  });
  const observer: Observer = {};
  const bot = createBot(config, observedStore(store, observer), clock, log, observer);
  bot.sources = new SourcesService({
    sources: sources.value,
    fetcher: createFetcher(),
    store,
    clock,
    log,
    background: config.SOURCES_ENABLED,
    readOnlyBecause: readOnlyBecause ?? (quick ? 'this read-only answer' : undefined),
    observer,
  });
  if (readOnlyBecause === undefined && !quick) await subscribeConsoleOnce(bot);
  return { bot, args, log, readOnlyBecause, observer, close: () => store.close() };
}

/**
 * The store as it is, for a one-shot answer that changes nothing: no lock taken, no backup written. Undefined
 * when the file is missing or unreadable, so the normal open creates it or explains the problem with its backup.
 */
async function readOnlyIfPresent(file: string): Promise<Store | undefined> {
  return openStoreReadOnly(file, 'this read-only answer').catch(() => undefined);
}
