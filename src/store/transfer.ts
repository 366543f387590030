import { readFile } from 'node:fs/promises';
import { decodeStore } from './codec.js';
import { StoreError } from './errors.js';
import type { StoreData } from './schema.js';
import type { Store } from './store.js';

/** The store as a JSON store file's text: what `store export` writes, and what DB_FILE or `store import` read. */
export const exportText = (data: Readonly<StoreData>): string => `${JSON.stringify(data, null, 2)}\n`;

/** How much a store holds, in words, for the lines export and import print. */
export function describeContents(d: Readonly<StoreData>): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    n(d.events.length, 'event'),
    n(d.measures.length, 'measure'),
    `${d.archive.length} archived`,
    n(d.audit.length, 'audit entry', 'audit entries'),
    n(d.subscriptions.length, 'subscription'),
    n(d.ledger.length, 'ledger entry', 'ledger entries'),
    n(Object.keys(d.watcher.sources).length, 'watched source'),
    n(d.watcher.proposals.length, 'proposal'),
    n(d.calendarTokens.length, 'calendar token'),
  ].join(', ');
}

/** Reads and validates a store file for import (an older schema is migrated); problems name the file. */
export async function readStoreFile(file: string): Promise<StoreData> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new StoreError(file, `${file} cannot be read (${code}); nothing was imported.`);
  }
  return decodeStore(bytes, file).data;
}

/**
 * Replaces everything in `store` with `data` in one write (all or nothing): items, archive, audit,
 * subscriptions, ledger, scheduler cursor, watcher state and the seed record. Returns what was there before.
 */
export function replaceContents(store: Store, data: StoreData): Promise<StoreData> {
  return store.update((d) => {
    const before = { ...d };
    const target = d as Record<string, unknown>;
    for (const key of Object.keys(target)) if (!(key in data)) delete target[key];
    Object.assign(d, data);
    return before;
  });
}
