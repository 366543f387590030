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
  /** The current state. Treat as read-only: change it only through `update`. */
  read(): Readonly<StoreData>;
  /**
   * Applies `change` to a draft and persists it. The draft is a shallow copy whose top-level arrays
   * are fresh copies: `change` may push, splice or replace elements, but must not mutate an existing
   * element in place (replace it with a new object instead). If `change` throws, nothing is kept or
   * written and the error propagates. Concurrent calls are applied one after another, none lost.
   */
  update<T>(change: (draft: StoreData) => T): Promise<T>;
  /** Flushes, releases the lock and stops accepting writes. */
  close(): Promise<void>;
}
