import type { StoreData } from '../schema.js';
import { COLLECTIONS, type Collection, TABLES, type Table } from './collections.js';

/** The store as this process last saw it committed: the document, its revision, and each row's order. */
export interface Snapshot {
  readonly data: StoreData;
  readonly revision: number;
  /** Per table, each row's key and its `ord`. */
  readonly ords: Readonly<Record<Table, ReadonlyMap<string, number>>>;
}

/** Row keys of archive entries (which have no natural key), by the entry's identity. */
export type AllocatedKeys = WeakMap<object, string>;

/** Empty ord maps for every table. */
export const noOrds = (): Record<Table, Map<string, number>> =>
  Object.fromEntries(TABLES.map((t) => [t, new Map<string, number>()])) as Record<Table, Map<string, number>>;

/** The row key of an element of `d` at position `i`: natural, or allocated earlier (undefined: never stored). */
export function rowKey(
  c: Collection,
  d: StoreData,
  v: object,
  i: number,
  keys: AllocatedKeys,
): string | undefined {
  return c.keyOf(d, v, i) ?? keys.get(v);
}

/** The elements of one collection by row key. */
export function byKey(c: Collection, d: StoreData, keys: AllocatedKeys): Map<string, object> {
  const out = new Map<string, object>();
  c.list(d).forEach((v, i) => {
    const k = rowKey(c, d, v, i, keys);
    if (k !== undefined) out.set(k, v);
  });
  return out;
}

export { COLLECTIONS };
