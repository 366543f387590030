import type pg from 'pg';
import type { Logger } from '../../log/logger.js';
import { emptyWatcherState } from '../../sources/watcher-state.js';
import { storeFromSeed } from '../codec.js';
import { StoreError } from '../errors.js';
import type { SeedData } from '../schema.js';
import { logSeedSync, syncSeedIfNew } from '../seed-sync.js';
import {
  checkout,
  clientConfig,
  connectProblem,
  isAccessError,
  isConnectionError,
  type PgTarget,
  redactUrl,
} from './connection.js';
import { diff } from './diff.js';
import { loadSnapshot } from './load.js';
import { loadMigrations, migrate } from './migrate.js';
import { pgModule } from './pg-module.js';
import { PgStore } from './pg-store.js';
import { type AllocatedKeys, noOrds, type Snapshot } from './snapshot.js';
import { writeDiff } from './write.js';

/** How to open the PostgreSQL store. */
export interface OpenPgStoreOptions extends PgTarget {
  /** The initial events and measures, used only when the database holds no store yet. */
  seed: () => SeedData | Promise<SeedData>;
  /** The seed file's digest: when it differs from the one applied last, the seed is brought in (see syncSeed). */
  seedDigest?: () => Promise<string>;
  now: () => Date;
  log?: Logger;
  /** How often the revision is checked besides LISTEN/NOTIFY (default 5 s). */
  pollMs?: number;
  /** How long a connection attempt may take (default 10 s). */
  connectMs?: number;
  /** Connections the store's pool may open (default 4). */
  poolSize?: number;
}

/** Where the store lives, for messages: the URL without its password, and the schema. */
export const pgLocation = (t: PgTarget): string => `${redactUrl(t.url)} (schema ${t.schema})`;

/**
 * Opens the store in `schema` of the database at `url`: runs the migrations not yet applied (under an advisory
 * lock), creates the store from the seed when the database holds none, brings a changed seed in, loads it and
 * starts listening for other processes' commits. A database that cannot be reached or used is one StoreError
 * line, without the password.
 */
export async function openPgStore(o: OpenPgStoreOptions): Promise<PgStore> {
  const location = pgLocation(o);
  const config = clientConfig(o, o.connectMs ?? 10_000);
  const pool = new (pgModule().Pool)({ ...config, max: o.poolSize ?? 4, idleTimeoutMillis: 30_000 });
  // An idle connection that drops is removed by the pool; the next query opens a new one.
  pool.on('error', () => undefined);
  // One that drops while checked out (between a transaction's queries) emits 'error' on its client, which with
  // no listener would end the process; the next query on it fails instead, becomes StoreUnavailableError, and
  // the client is released as broken.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const keys: AllocatedKeys = new WeakMap();
  let store: PgStore | undefined;
  try {
    const migrations = await loadMigrations();
    const client = await checkout(pool).catch((error: unknown) => {
      throw cannotOpen(location, error);
    });
    let snapshot: Snapshot;
    try {
      snapshot = await migrate(client, o.schema, location, migrations, async (applied) => {
        if (applied.length) o.log?.info(`database migrations applied: ${applied.join(', ')}`);
        return (await loadSnapshot(client, location, keys)) ?? (await create(client, o, location, keys));
      });
    } catch (error) {
      client.done(new Error('Connection terminated: not reused after a failed open'));
      throw error instanceof StoreError ? error : cannotOpen(location, error);
    }
    client.done();
    store = new PgStore({
      location,
      schema: o.schema,
      pool,
      listenConfig: config,
      snapshot,
      keys,
      pollMs: o.pollMs ?? 5_000,
      log: o.log,
    });
    await store.listen().catch((error: unknown) => {
      throw cannotOpen(location, error);
    });
    if (o.seedDigest) await bringSeedIn(store, o);
    return store;
  } catch (error) {
    if (store) await store.close();
    else await pool.end().catch(() => undefined);
    throw error;
  }
}

/** One line for a store that cannot be opened; a connection problem also points at DATABASE_URL. */
const cannotOpen = (location: string, error: unknown) =>
  new StoreError(
    location,
    `Cannot open the PostgreSQL store at ${location}: ${connectProblem(error)}.` +
      (isConnectionError(error) || isAccessError(error)
        ? ' Check DATABASE_URL and that the server is up.'
        : ''),
  );

/** Writes a new store from the seed (revision 1) into an empty database; the caller holds the migration lock. */
async function create(
  client: pg.ClientBase,
  o: OpenPgStoreOptions,
  location: string,
  keys: AllocatedKeys,
): Promise<Snapshot> {
  const data = storeFromSeed(await o.seed());
  const digest = await o.seedDigest?.();
  if (digest !== undefined) data.seed = { digest, appliedAt: o.now().toISOString() };
  const nothing = { events: [], measures: [], archive: [], audit: [], subscriptions: [], ledger: [] };
  const empty = { ...data, ...nothing, watcher: emptyWatcherState(), seed: undefined };
  const rows = diff({ data: empty, revision: 0, ords: noOrds() }, data, keys);
  await client.query('BEGIN');
  try {
    await client.query('INSERT INTO store_meta (revision, scheduler) VALUES (0, $1::json)', [
      JSON.stringify(data.scheduler),
    ]);
    const revision = await writeDiff(client, o.schema, 0, rows);
    await client.query('COMMIT');
    o.log?.info(`created the store in ${location} from the seed`);
    return { data, revision: revision ?? 1, ords: rows.ords };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Brings a changed seed into the store through an ordinary update (so replicas starting at once agree). */
async function bringSeedIn(store: PgStore, o: OpenPgStoreOptions): Promise<void> {
  try {
    const digest = await (o.seedDigest as () => Promise<string>)();
    if (store.read().seed?.digest === digest) return;
    const seed = await o.seed();
    const at = o.now().toISOString();
    const result = await store.update((d) => {
      const synced = syncSeedIfNew(d, seed, digest, at);
      if (synced) Object.assign(d, synced.data);
      return synced;
    });
    if (result) logSeedSync(result, o.log);
  } catch (error) {
    // An existing store works without its seed; the problem is said, and the next start tries again.
    o.log?.warn(`seed sync skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}
