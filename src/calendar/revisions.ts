import type { AuditEntry } from '../store/schema.js';

/** How often an item was changed, and when last: what a calendar's SEQUENCE and DTSTAMP are made of. */
export interface Revision {
  /** Edits and restores recorded for the item: its SEQUENCE. */
  readonly edits: number;
  /** The latest audit entry for the item (any action), in ms. */
  readonly lastAt: number;
}

const cache = new WeakMap<readonly AuditEntry[], Map<string, Revision>>();

/**
 * Each item's revision from the audit log, by item id (memoized per log: the store replaces the array on every
 * write). The log is never pruned, so an item's count only grows and every edit raises its SEQUENCE.
 */
export function revisions(audit: readonly AuditEntry[]): ReadonlyMap<string, Revision> {
  let map = cache.get(audit);
  if (map) return map;
  map = new Map();
  for (const a of audit) {
    const prev = map.get(a.id) ?? { edits: 0, lastAt: 0 };
    const at = Date.parse(a.at);
    map.set(a.id, {
      edits: prev.edits + (a.action === 'edit' || a.action === 'restore' ? 1 : 0),
      lastAt: Number.isNaN(at) ? prev.lastAt : Math.max(prev.lastAt, at),
    });
  }
  cache.set(audit, map);
  return map;
}
