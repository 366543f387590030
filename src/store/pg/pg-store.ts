import type pg from 'pg';
import type { LedgerEntry } from '../../domain/subscription.js';
import type { Logger } from '../../log/logger.js';
import { draftOf, isThenable } from '../draft.js';
import { StoreClosedError, StoreConflictError, StoreUnavailableError } from '../errors.js';
import type { StoreData } from '../schema.js';
import type { Store } from '../store.js';
import { type Attempt, checkCollisions } from './conflicts.js';
import { checkout, isConnectionError } from './connection.js';
import { diff } from './diff.js';
import { Listener } from './listener.js';
import { loadSnapshot } from './load.js';
import type { AllocatedKeys, Snapshot } from './snapshot.js';
import { type ClaimedRow, claimRows, notify, writeDiff } from './write.js';

/** How often a change applied to a stale state is tried again before it is refused as a conflict. */
const MAX_ATTEMPTS = 30;

/** What a PgStore is built from (see openPgStore). */
export interface PgStoreParts {
  location: string;
  schema: string;
  pool: pg.Pool;
  listenConfig: pg.ClientConfig;
  snapshot: Snapshot;
  keys: AllocatedKeys;
  /** How often the revision is checked besides the notifications (ms). */
  pollMs: number;
  log?: Logger;
}

/**
 * The store in PostgreSQL: reads from the last committed state in memory; each update is one transaction that
 * writes only the rows that changed, under an optimistic revision check (a stale change is applied again to the
 * fresh state); every commit is announced by NOTIFY and every store LISTENs (and polls), so an edit made through
 * one process is seen by the others within a second. Without the database, reads still answer and changes are
 * refused with StoreUnavailableError until it returns.
 */
export class PgStore implements Store {
  readonly location: string;
  #snap: Snapshot;
  #queue: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;
  #refreshQueued = false;
  #online = true;
  readonly #listener: Listener;
  readonly #poll: NodeJS.Timeout;

  constructor(private readonly p: PgStoreParts) {
    this.location = p.location;
    this.#snap = p.snapshot;
    this.#listener = new Listener(p.listenConfig, p.schema, {
      notified: (revision) => {
        if (revision > this.#snap.revision) this.#refreshSoon();
      },
      connected: () => {
        this.#markOnline();
        this.#refreshSoon();
      },
      lost: (error) => this.#markOffline(error),
    });
    this.#poll = setInterval(() => this.#refreshSoon(), p.pollMs);
    this.#poll.unref();
  }

  /** Starts listening for other processes' commits; rejects when the first connection fails. */
  listen(): Promise<void> {
    return this.#listener.start();
  }

  /** False while the database is unreachable: reads answer from memory, changes are refused. */
  get online(): boolean {
    return this.#online;
  }

  get revision(): number {
    return this.#snap.revision;
  }

  read(): Readonly<StoreData> {
    return this.#snap.data;
  }

  update<T>(change: (draft: StoreData) => T): Promise<T> {
    return this.#enqueue(() => this.#apply(change));
  }

  claim(entries: readonly LedgerEntry[], nowMs: number): Promise<readonly LedgerEntry[]> {
    if (entries.length === 0) return Promise.resolve([]);
    return this.#enqueue(() => this.#claim(entries, nowMs));
  }

  close(): Promise<void> {
    this.#closing ??= this.#queue.then(async () => {
      clearInterval(this.#poll);
      await this.#listener.stop();
      await this.p.pool.end().catch(() => undefined);
    });
    return this.#closing;
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new StoreClosedError(this.location));
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply<T>(change: (draft: StoreData) => T): Promise<T> {
    let first: Attempt | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const base = this.#snap;
      const draft = draftOf(base.data);
      const result = change(draft);
      if (isThenable(result))
        throw new TypeError('Store.update: change must be synchronous; nothing was saved.');
      const rows = diff(base, draft, this.p.keys);
      if (first) checkCollisions(first, { base, diff: rows }, this.p.keys, this.location);
      if (rows.empty) return result;
      const revision = await this.#transaction((c) => writeDiff(c, this.p.schema, base.revision, rows));
      if (revision === undefined) {
        // Someone else committed first: read what they wrote and apply the change again to it.
        first ??= { base, diff: rows };
        await this.#reload();
        continue;
      }
      for (const [value, key] of rows.allocated) this.p.keys.set(value, key);
      this.#snap = { data: draft, revision, ords: rows.ords };
      return result;
    }
    throw new StoreConflictError(this.location);
  }

  async #claim(entries: readonly LedgerEntry[], nowMs: number): Promise<readonly LedgerEntry[]> {
    // A key given twice is claimed once, by its first entry (as the JSON store does).
    const keys = new Set<string>();
    const distinct = entries.filter((e) => !keys.has(e.key) && Boolean(keys.add(e.key)));
    const known = this.#snap.revision;
    const claimed = await this.#transaction(async (c) => {
      const bumped = await c.query<{ revision: string }>(
        'UPDATE store_meta SET revision = revision + 1 RETURNING revision',
      );
      const revision = Number(bumped.rows[0]?.revision);
      const won = await claimRows(c, distinct, nowMs, revision);
      if (won.size === 0) return undefined;
      await notify(c, this.p.schema, revision);
      return { revision, won };
    });
    if (!claimed) return [];
    const won = distinct.flatMap((e): LedgerEntry[] => {
      const row = claimed.won.get(e.key);
      if (!row) return [];
      return row.attempts > e.attempts ? [{ ...e, attempts: row.attempts, late: true }] : [e];
    });
    if (claimed.revision === known + 1) this.#applyClaimed(won, claimed.won, claimed.revision);
    else await this.#reload();
    return won;
  }

  /** Records won claims in memory exactly as the database holds them (nothing else was committed between). */
  #applyClaimed(won: readonly LedgerEntry[], rows: ReadonlyMap<string, ClaimedRow>, revision: number): void {
    const base = this.#snap;
    const draft = draftOf(base.data);
    const ledgerOrds = new Map(base.ords.ledger);
    const at = new Map(draft.ledger.map((e, i) => [e.key, i]));
    for (const e of won) {
      const i = at.get(e.key);
      if (i === undefined) {
        at.set(e.key, draft.ledger.length);
        draft.ledger.push(e);
      } else draft.ledger[i] = e;
      ledgerOrds.set(e.key, rows.get(e.key)?.ord ?? 0);
    }
    this.#snap = { data: draft, revision, ords: { ...base.ords, ledger: ledgerOrds } };
  }

  /**
   * Runs `work` in one transaction on a pooled connection, rolled back when it returns undefined or throws. A
   * lost or refused connection becomes StoreUnavailableError (the store keeps trying to reconnect).
   */
  async #transaction<T>(work: (c: pg.PoolClient) => Promise<T | undefined>): Promise<T | undefined> {
    return this.#withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const out = await work(client);
        await client.query(out === undefined ? 'ROLLBACK' : 'COMMIT');
        return out;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Runs `use` on a pooled connection and marks the store online when it succeeds; a lost or refused connection
   * becomes StoreUnavailableError, and a connection that failed is not given back to the pool for reuse.
   */
  async #withClient<T>(use: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: Awaited<ReturnType<typeof checkout>>;
    try {
      client = await checkout(this.p.pool);
    } catch (error) {
      throw this.#unavailable(error);
    }
    let broken: unknown;
    try {
      const out = await use(client);
      this.#markOnline();
      return out;
    } catch (error) {
      broken = error;
      throw isConnectionError(error) ? this.#unavailable(error) : error;
    } finally {
      client.done(broken);
    }
  }

  #unavailable(error: unknown): StoreUnavailableError {
    this.#markOffline(error);
    return new StoreUnavailableError(this.location);
  }

  /** Brings the in-memory state up to the database's, reading only rows written since. */
  async #reload(): Promise<void> {
    await this.#withClient(async (client) => {
      const next = await loadSnapshot(client, this.location, this.p.keys, this.#snap);
      if (next) this.#snap = next;
    });
  }

  /** Queues one reload (at most one waits at a time); its failure is logged, never thrown. */
  #refreshSoon(): void {
    if (this.#refreshQueued || this.#closing) return;
    this.#refreshQueued = true;
    this.#enqueue(async () => {
      this.#refreshQueued = false;
      await this.#reload();
    }).catch((error: unknown) => {
      if (!(error instanceof StoreUnavailableError))
        this.p.log?.warn(
          `could not reload the store: ${error instanceof Error ? error.message : String(error)}`,
        );
    });
  }

  #markOffline(error: unknown): void {
    if (!this.#online || this.#closing) return;
    this.#online = false;
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    this.p.log?.warn(
      `lost the connection to the database (${why}); reads answer from memory, changes are refused until it returns`,
    );
  }

  #markOnline(): void {
    if (this.#online) return;
    this.#online = true;
    this.p.log?.info('the database connection is back; changes are accepted again');
  }
}
