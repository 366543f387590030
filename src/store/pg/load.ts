import type pg from 'pg';
import type { z } from 'zod';
import { StoreError } from '../errors.js';
import { formatIssues } from '../issues.js';
import { SchedulerState, SeedApplied, StoreData } from '../schema.js';
import { assemble, COLLECTIONS, type Loaded } from './collections.js';
import { type AllocatedKeys, byKey, noOrds, type Snapshot } from './snapshot.js';

interface Row {
  key: string;
  ord: string;
  rev: string;
  body: unknown;
}

/** A row or meta value that does not match the store schema: named by table and key, never repaired. */
const invalid = (location: string, where: string, problem: string) =>
  new StoreError(
    location,
    `${location} holds ${where}, which does not match the store schema: ${problem}. Nothing was changed; ` +
      'correct or remove that row (or import a good export with `store import`).',
  );

function parse<T>(schema: z.ZodType<T>, value: unknown, location: string, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(location, where, formatIssues(r.error.issues));
  return r.data;
}

/**
 * The store as committed now, read in one consistent snapshot. Rows not written since `since` (a revision the
 * caller holds) reuse the caller's objects, so only changed rows are sent and parsed and unchanged elements keep
 * their identity (the catalog's "changed meanwhile" checks compare by identity). Undefined when the store is
 * still at `since`, and when the meta row is missing (an empty database).
 */
export async function loadSnapshot(
  client: pg.ClientBase,
  location: string,
  keys: AllocatedKeys,
  since?: Snapshot,
): Promise<Snapshot | undefined> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const meta = await client.query<{ revision: string; scheduler: unknown; seed: unknown }>(
      'SELECT revision, scheduler, seed FROM store_meta',
    );
    const m = meta.rows[0];
    if (!m || (since && Number(m.revision) === since.revision)) return undefined;
    const after = since?.revision ?? -1;
    const rows = {} as Loaded;
    const ords = noOrds();
    for (const c of COLLECTIONS) {
      const old = since ? byKey(c, since.data, keys) : new Map<string, object>();
      const r = await client.query<Row>(
        `SELECT key, ord, rev, CASE WHEN rev > $1 OR NOT (key = ANY($2::text[])) THEN body END AS body
         FROM ${c.table} ORDER BY ord, key`,
        [after, [...old.keys()]],
      );
      rows[c.table] = r.rows.map((row) => {
        ords[c.table].set(row.key, Number(row.ord));
        const value =
          row.body === null
            ? old.get(row.key)
            : parse(c.schema, row.body, location, `${c.table} row ${JSON.stringify(row.key)}`);
        return [row.key, value as object] as const;
      });
    }
    const scheduler = parse(SchedulerState, m.scheduler, location, 'store_meta.scheduler');
    const seed = m.seed === null ? undefined : parse(SeedApplied, m.seed, location, 'store_meta.seed');
    const data = assemble(rows, scheduler, seed);
    if (!since) {
      // The first load checks what no single row can: two items sharing an id.
      const whole = StoreData.safeParse(data);
      if (!whole.success) throw invalid(location, 'items', formatIssues(whole.error.issues));
    }
    for (const [key, value] of rows.archive) keys.set(value, key);
    return { data, revision: Number(m.revision), ords };
  } finally {
    await client.query('COMMIT').catch(() => undefined);
  }
}
