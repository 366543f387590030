import type { StoreData } from '../schema.js';
import { COLLECTIONS, type Collection, sameElements, type Table } from './collections.js';
import { type AllocatedKeys, byKey, rowKey, type Snapshot } from './snapshot.js';

/** What one table needs written: rows added or changed, rows gone, rows only moved. */
export interface TableChange {
  upserts: Array<{ key: string; ord: number; value: object }>;
  deletes: string[];
  moves: Array<{ key: string; ord: number }>;
}

/** Everything a change made to the document, as rows to write. */
export interface Diff {
  tables: Partial<Record<Table, TableChange>>;
  /** The meta row's fields that changed (null: the seed record was removed). */
  scheduler?: StoreData['scheduler'];
  seed?: StoreData['seed'] | null;
  /** Each table's row order after the change. */
  ords: Record<Table, ReadonlyMap<string, number>>;
  /** Archive row keys given to new entries; recorded once the change is committed. */
  allocated: Array<[object, string]>;
  empty: boolean;
}

/** The rows that turn `before` into `after` (whose unchanged elements are the very same objects). */
export function diff(before: Snapshot, after: StoreData, keys: AllocatedKeys): Diff {
  const out: Diff = { tables: {}, ords: { ...before.ords }, allocated: [], empty: true };
  for (const c of COLLECTIONS) {
    if (sameElements(c, before.data, after)) continue;
    const change = diffTable(c, before, after, keys, out);
    if (change.upserts.length || change.deletes.length || change.moves.length) {
      out.tables[c.table] = change;
      out.empty = false;
    }
  }
  if (JSON.stringify(before.data.scheduler) !== JSON.stringify(after.scheduler)) {
    out.scheduler = after.scheduler;
    out.empty = false;
  }
  if (JSON.stringify(before.data.seed) !== JSON.stringify(after.seed)) {
    out.seed = after.seed ?? null;
    out.empty = false;
  }
  return out;
}

function diffTable(
  c: Collection,
  before: Snapshot,
  after: StoreData,
  keys: AllocatedKeys,
  out: Diff,
): TableChange {
  const oldOrds = before.ords[c.table];
  const oldValues = byKey(c, before.data, keys);
  let top = 0;
  for (const o of oldOrds.values()) top = Math.max(top, o);
  let nextAllocated = 1;
  if (c.table === 'archive')
    for (const k of oldOrds.keys()) nextAllocated = Math.max(nextAllocated, Number(k) + 1 || 1);
  const list = c.list(after);
  const rows: Array<{ key: string; value: object; ord: number }> = [];
  const seen = new Set<string>();
  let last = Number.NEGATIVE_INFINITY;
  let renumber = false;
  list.forEach((value, i) => {
    let key = rowKey(c, after, value, i, keys);
    if (key === undefined) {
      key = String(nextAllocated++);
      out.allocated.push([value, key]);
    }
    if (seen.has(key))
      throw new Error(`two ${c.table} rows would share the key ${JSON.stringify(key)}; nothing was saved`);
    seen.add(key);
    const old = oldOrds.get(key);
    let ord: number;
    if (old === undefined) ord = ++top;
    else {
      if (old <= last) renumber = true;
      ord = old;
    }
    last = ord;
    rows.push({ key, value, ord });
  });
  if (renumber)
    rows.forEach((r, i) => {
      r.ord = i + 1;
    });
  const change: TableChange = { upserts: [], deletes: [], moves: [] };
  for (const r of rows) {
    const was = oldValues.get(r.key);
    if (was !== r.value) change.upserts.push(r);
    else if (oldOrds.get(r.key) !== r.ord) change.moves.push({ key: r.key, ord: r.ord });
  }
  for (const k of oldOrds.keys()) if (!seen.has(k)) change.deletes.push(k);
  out.ords[c.table] = new Map(rows.map((r) => [r.key, r.ord]));
  return change;
}
