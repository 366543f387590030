import type { LedgerEntry } from '../domain/subscription.js';
import type { StoreData } from './schema.js';

/**
 * The persisted state behind one small interface, so another backend can replace lowdb
 * without touching commands. Reads are synchronous from memory; writes are serialized,
 * durable when the promise resolves, and all-or-nothing.
 */
export interface Store {
  /** The file (or other location) the store persists to, for messages. */
  readonly location: string;
  /** Increases by one with every committed write; lets readers cache derived views. */
  readonly revision: number;
  /**
   * Whether the store can take changes now: false while a database behind it is unreachable (reads still answer
   * from memory). Absent for a store that is always reachable, like the JSON file.
   */
  readonly online?: boolean;
  /** The current state. Treat as read-only: change it only through `update`. */
  read(): Readonly<StoreData>;
  /**
   * Applies `change` to a draft and persists it. The draft is a shallow copy whose top-level arrays
   * are fresh copies: `change` may push, splice or replace elements, but must not mutate an existing
   * element in place (replace it with a new object instead). If `change` throws, nothing is kept or
   * written and the error propagates. Concurrent calls are applied one after another, none lost.
   */
  update<T>(change: (draft: StoreData) => T): Promise<T>;
  /**
   * Claims posts about to be sent and records them as given (pending), entry by entry. An entry is won when the
   * ledger has no entry of its key, or a pending one whose `nextAttemptAt` (its lease) is at or before `nowMs`; it
   * is lost when settled (sent, missed, failed) or pending under a lease not yet run out: another process holds it
   * or has done it. Returns the won entries as recorded: one taking over a pending entry counts the attempts
   * already made (at least one more than the ledger's, and late), so a takeover decided on a stale view of the
   * ledger still knows it is a retry and looks for an earlier copy first. One process (the JSON store) wins every post it planned; replicas on
   * one database each win a share, and every post goes to exactly one of them.
   */
  claim(entries: readonly LedgerEntry[], nowMs: number): Promise<readonly LedgerEntry[]>;
  /** Flushes, releases the lock and stops accepting writes. */
  close(): Promise<void>;
}
