import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { LedgerEntry } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import { Backups } from './backups.js';
import { decodeStore, encodeStore, storeFromSeed } from './codec.js';
import { draftOf, isThenable } from './draft.js';
import { type DurableFs, DurableTextFile, NODE_FS, removeStaleTemps } from './durable-file.js';
import { StoreClosedError, StoreNotWritableError } from './errors.js';
import { acquireLock, type StoreLock } from './lock.js';
import { SCHEMA_VERSION, type SeedData, type StoreData } from './schema.js';
import { logSeedSync, type SeedSyncResult, syncSeedIfNew } from './seed-sync.js';
import type { Store } from './store.js';
import { StoreAdapter } from './store-adapter.js';
import { ensureWritable, NOT_WRITABLE, resolveStoreFile } from './store-path.js';

/** How to open the store file. */
export interface OpenStoreOptions {
  /** The JSON file to persist to; its folder is created if missing. */
  file: string;
  /** The initial events and measures, used only when the file does not exist yet. */
  seed: () => SeedData | Promise<SeedData>;
  /** The clock, for the lock's startedAt and backup timestamps. */
  now: () => Date;
  /** How many rolling backups to keep in `${dir}/backups` (default 5; 0 disables them). */
  backups?: number;
  /** How long to wait for a holder of the lock that seems alive to go away (default 2 s; see acquireLock). */
  lockPatienceMs?: number;
  /** The file-system calls of durable writes (node's by default; tests record them). */
  fs?: DurableFs;
  /**
   * The digest of the seed's file (the bot's start passes it; the read-only CLI never opens this way). When it
   * differs from the one the store last applied, the store is brought up to the seed (see syncSeed) in one write.
   */
  seedDigest?: () => Promise<string>;
  /** Where the seed sync says what it changed and which editors' versions it kept. */
  log?: Logger;
}

/**
 * Opens the store at `options.file` (creating it from the seed if absent), holding its lock until close. A
 * symbolic link is resolved once: the lock, temp files and backups live beside its target, and writes go to it.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { now } = options;
  const file = await resolveStoreFile(options.file);
  await ensureWritable(file);
  const lock = await acquireLock(file, now, options.lockPatienceMs);
  try {
    const fs = options.fs ?? NODE_FS;
    const backups = new Backups(file, options.backups ?? 5, now, fs);
    await removeStaleTemps(dirname(file), file);
    await removeStaleTemps(backups.dir, file);
    const text = new DurableTextFile(file, fs);
    const { data, length } = await load(text, backups, options);
    return new DurableStore(file, new Low(new StoreAdapter(text, backups, length), data), lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Reads, validates and (if needed) migrates the file, or creates it from the seed; with a seed digest, brings
 * the seed's items in. At most one write, and none when the file is current.
 */
async function load(text: DurableTextFile, backups: Backups, options: OpenStoreOptions) {
  const existing = await text.readBytes();
  const at = options.now().toISOString();
  if (existing === null) {
    const digest = await options.seedDigest?.();
    const data = storeFromSeed(await options.seed());
    if (digest !== undefined) data.seed = { digest, appliedAt: at };
    const length = await text.writePieces(encodeStore(data, 0));
    return { data, length };
  }
  const decoded = decodeStore(existing, text.file, await backups.newest());
  const { fromVersion, chars } = decoded;
  const synced = await seedSync(decoded.data, options, at);
  const data = synced?.data ?? decoded.data;
  if (fromVersion === SCHEMA_VERSION && !synced) return { data, length: chars };
  await backups.beforeWrite();
  const length = await text.writePieces(encodeStore(data, chars));
  return { data, length };
}

/** The store brought up to the seed, or undefined when the seed is the one applied last (or cannot be read). */
async function seedSync(
  data: StoreData,
  o: OpenStoreOptions,
  at: string,
): Promise<SeedSyncResult | undefined> {
  if (!o.seedDigest) return undefined;
  let result: SeedSyncResult | undefined;
  try {
    const digest = await o.seedDigest();
    if (data.seed?.digest === digest) return undefined;
    result = syncSeedIfNew(data, await o.seed(), digest, at);
  } catch (error) {
    // An existing store works without its seed; the problem is said, and the next start tries again.
    o.log?.warn(`seed sync skipped: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (result) logSeedSync(result, o.log);
  return result;
}

/** The JSON store's claim: entries not settled and not leased to a later time are recorded and won. */
function claimInto(d: StoreData, entries: readonly LedgerEntry[], nowMs: number): LedgerEntry[] {
  const at = new Map(d.ledger.map((e, i) => [e.key, i]));
  const won: LedgerEntry[] = [];
  for (const e of entries) {
    const i = at.get(e.key);
    const held = i === undefined ? undefined : d.ledger[i];
    if (held && (held.state !== 'pending' || Date.parse(held.nextAttemptAt ?? '') > nowMs)) continue;
    const taken = held && held.attempts >= e.attempts ? { ...e, attempts: held.attempts + 1, late: true } : e;
    if (i === undefined) {
      at.set(e.key, d.ledger.length);
      d.ledger.push(taken);
    } else d.ledger[i] = taken;
    won.push(taken);
  }
  return won;
}

/** The JSON file store on lowdb's Low: in-memory reads, serialized durable writes through StoreAdapter. */
class DurableStore implements Store {
  /** What readers see: the last state on disk (lowdb's `data` holds the draft while it is being written). */
  #state: StoreData;
  #revision = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(
    readonly location: string,
    private readonly db: Low<StoreData>,
    private readonly lock: StoreLock,
  ) {
    this.#state = db.data;
  }

  get revision(): number {
    return this.#revision;
  }

  read(): Readonly<StoreData> {
    return this.#state;
  }

  update<T>(change: (draft: StoreData) => T): Promise<T> {
    if (this.#closing) return Promise.reject(new StoreClosedError(this.location));
    const run = this.#queue.then(() => this.#apply(change));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply<T>(change: (draft: StoreData) => T): Promise<T> {
    const before = this.#state;
    const draft = draftOf(before);
    const result = change(draft);
    if (isThenable(result))
      throw new TypeError('Store.update: change must be synchronous; nothing was saved.');
    // Readers keep seeing the state before until the draft is on disk; a refused write leaves it in place.
    this.db.data = draft;
    try {
      await this.db.write();
    } catch (error) {
      this.db.data = before;
      throw this.#explain(error);
    }
    this.#state = draft;
    this.#revision += 1;
    return result;
  }

  claim(entries: readonly LedgerEntry[], nowMs: number): Promise<readonly LedgerEntry[]> {
    if (entries.length === 0) return Promise.resolve([]);
    return this.update((d) => claimInto(d, entries, nowMs));
  }

  /** A write refused by the file system says what to make writable; anything else is passed on. */
  #explain(error: unknown): unknown {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!NOT_WRITABLE.has(code)) return error;
    const path = (error as NodeJS.ErrnoException).path ?? this.location;
    return new StoreNotWritableError(this.location, `${path} cannot be written`, code);
  }

  close(): Promise<void> {
    this.#closing ??= this.#queue.then(() => this.lock.release());
    return this.#closing;
  }
}
