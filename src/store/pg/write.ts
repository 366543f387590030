import type pg from 'pg';
import type { LedgerEntry } from '../../domain/subscription.js';
import type { Table } from './collections.js';
import type { Diff, TableChange } from './diff.js';

/** The channel every store NOTIFYs after a commit; the payload is `schema:revision`. */
export const CHANNEL = 'trade_brief_store';

const json = (value: unknown): string => JSON.stringify(value);

/**
 * Writes `diff` as revision `known + 1` inside the caller's transaction, provided the store is still at `known`
 * (the optimistic check: the meta row's lock orders concurrent writers). Returns the new revision, or undefined
 * when another process committed first (nothing was written).
 */
export async function writeDiff(
  client: pg.ClientBase,
  schema: string,
  known: number,
  diff: Diff,
): Promise<number | undefined> {
  const bumped = await client.query<{ revision: string }>(
    `UPDATE store_meta SET revision = revision + 1,
       scheduler = COALESCE($2::json, scheduler),
       seed = CASE WHEN $3 THEN $4::json ELSE seed END
     WHERE revision = $1 RETURNING revision`,
    [
      known,
      diff.scheduler === undefined ? null : json(diff.scheduler),
      diff.seed !== undefined,
      diff.seed ? json(diff.seed) : null,
    ],
  );
  const row = bumped.rows[0];
  if (!row) return undefined;
  const revision = Number(row.revision);
  for (const [table, change] of Object.entries(diff.tables) as Array<[Table, TableChange]>)
    await writeTable(client, table, change, revision);
  await notify(client, schema, revision);
  return revision;
}

/** Tells every listening store that `revision` is committed (delivered when the transaction commits). */
export const notify = (client: pg.ClientBase, schema: string, revision: number) =>
  client.query('SELECT pg_notify($1, $2)', [CHANNEL, `${schema}:${revision}`]);

async function writeTable(
  client: pg.ClientBase,
  table: Table,
  c: TableChange,
  revision: number,
): Promise<void> {
  if (c.deletes.length) await client.query(`DELETE FROM ${table} WHERE key = ANY($1::text[])`, [c.deletes]);
  if (c.moves.length)
    await client.query(
      `UPDATE ${table} t SET ord = (e->>'o')::bigint FROM json_array_elements($1::json) e WHERE t.key = e->>'k'`,
      [json(c.moves.map((m) => ({ k: m.key, o: m.ord })))],
    );
  if (!c.upserts.length) return;
  const rows = json(c.upserts.map((u) => ({ k: u.key, o: u.ord, b: u.value })));
  if (table === 'ledger') {
    await client.query(
      `INSERT INTO ledger (key, ord, rev, state, next_attempt_at, body)
       SELECT e->>'k', (e->>'o')::bigint, $2, e->'b'->>'state', (e->'b'->>'nextAttemptAt')::timestamptz, e->'b'
       FROM json_array_elements($1::json) e
       ON CONFLICT (key) DO UPDATE SET ord = EXCLUDED.ord, rev = EXCLUDED.rev, state = EXCLUDED.state,
         next_attempt_at = EXCLUDED.next_attempt_at, body = EXCLUDED.body`,
      [rows, revision],
    );
    return;
  }
  await client.query(
    `INSERT INTO ${table} (key, ord, rev, body)
     SELECT e->>'k', (e->>'o')::bigint, $2, e->'b' FROM json_array_elements($1::json) e
     ON CONFLICT (key) DO UPDATE SET ord = EXCLUDED.ord, rev = EXCLUDED.rev, body = EXCLUDED.body`,
    [rows, revision],
  );
}

/** A won claim as the ledger row holds it: its order, and the attempt it is (more than asked when taken over). */
export interface ClaimedRow {
  ord: number;
  attempts: number;
}

/**
 * Claims `entries` (distinct keys) at `nowMs` inside the caller's transaction, as revision `revision`: a key is
 * won when absent, or pending with its lease (next_attempt_at) run out; the row lock of ON CONFLICT decides
 * between replicas. A pending row taken over counts on from the attempts it records (and is late), whatever the
 * claimer believed, so the taker retries as a retry. Returns each won key with its row's order and attempt.
 */
export async function claimRows(
  client: pg.ClientBase,
  entries: readonly LedgerEntry[],
  nowMs: number,
  revision: number,
): Promise<Map<string, ClaimedRow>> {
  const r = await client.query<{ key: string; ord: string; attempts: number }>(
    `INSERT INTO ledger AS l (key, ord, rev, state, next_attempt_at, body)
     SELECT e->>'key', (SELECT COALESCE(max(ord), 0) FROM ledger) + n, $2, e->>'state',
       (e->>'nextAttemptAt')::timestamptz, e
     FROM json_array_elements($1::json) WITH ORDINALITY AS u(e, n)
     ON CONFLICT (key) DO UPDATE SET rev = EXCLUDED.rev, state = EXCLUDED.state,
       next_attempt_at = EXCLUDED.next_attempt_at,
       body = CASE WHEN (EXCLUDED.body->>'attempts')::int > (l.body->>'attempts')::int THEN EXCLUDED.body
         ELSE (EXCLUDED.body::jsonb || jsonb_build_object('attempts', (l.body->>'attempts')::int + 1, 'late', true))::json
       END
     WHERE l.state = 'pending' AND (l.next_attempt_at IS NULL OR l.next_attempt_at <= $3)
     RETURNING l.key, l.ord, (l.body->>'attempts')::int AS attempts`,
    [json(entries), revision, new Date(nowMs).toISOString()],
  );
  return new Map(r.rows.map((row) => [row.key, { ord: Number(row.ord), attempts: Number(row.attempts) }]));
}
