import { StoreConflictError } from '../errors.js';
import { COLLECTIONS } from './collections.js';
import type { Diff } from './diff.js';
import { type AllocatedKeys, byKey, type Snapshot } from './snapshot.js';

/** One try of a change: the state it was applied to and the rows it would have written. */
export interface Attempt {
  base: Snapshot;
  diff: Diff;
}

const NOUN: Partial<Record<string, string>> = {
  events: 'The event',
  measures: 'The measure',
  subscriptions: 'The subscription of',
};

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Refuses a change applied again after someone else's commit when, for an item or subscription, it writes the
 * very value it wrote the first time although that row changed meanwhile to something else: the change ignored
 * the other edit and would undo it. A change that builds on the fresh row (or writes what is already there)
 * passes: that is a merge, and nothing is lost.
 */
export function checkCollisions(first: Attempt, again: Attempt, keys: AllocatedKeys, location: string): void {
  for (const c of COLLECTIONS) {
    if (!c.guarded) continue;
    const before = first.diff.tables[c.table];
    const now = again.diff.tables[c.table];
    if (!before || !now) continue;
    const wrote = new Map(before.upserts.map((u) => [u.key, u.value]));
    const was = byKey(c, first.base.data, keys);
    const fresh = byKey(c, again.base.data, keys);
    for (const u of now.upserts) {
      if (!wrote.has(u.key)) continue;
      const theirs = fresh.get(u.key);
      if (theirs === was.get(u.key)) continue; // nobody else touched this row
      if (same(u.value, wrote.get(u.key)) && !same(u.value, theirs))
        throw new StoreConflictError(location, `${NOUN[c.table] ?? c.table} \`${u.key}\``);
    }
  }
}
