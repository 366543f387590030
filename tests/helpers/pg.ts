import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { ident } from '../../src/store/pg/connection.js';
import { type OpenPgStoreOptions, openPgStore } from '../../src/store/pg/open-pg-store.js';
import type { PgStore } from '../../src/store/pg/pg-store.js';
import type { SeedData } from '../../src/store/schema.js';

/** The test database's URL, or '' when the PostgreSQL tests are skipped (tests/pg-setup.ts said why). */
export const PG_URL = inject('pgUrl');

/** Runs `sql` on a short-lived connection of its own. */
export async function adminQuery<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await client.query<R>(sql, params);
  } finally {
    await client.end();
  }
}

/** A fresh schema name for one test file or test; `drop` removes it with everything in it. */
export function freshSchema(): { schema: string; drop: () => Promise<void> } {
  const schema = `tb_test_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    drop: async () => void (await adminQuery(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`)),
  };
}

/** Opens a PgStore on `schema` of the test database (fast polling, quick connection timeouts). */
export function openTestPgStore(
  schema: string,
  seed: SeedData,
  more: Partial<OpenPgStoreOptions> = {},
): Promise<PgStore> {
  return openPgStore({
    url: PG_URL,
    schema,
    seed: () => seed,
    now: () => new Date('2026-03-01T12:00:00.000Z'),
    pollMs: 500,
    connectMs: 2000,
    ...more,
  });
}

/** Waits until `check` holds, polling every 10 ms; fails after `ms`. Returns how long it took. */
export async function eventually(check: () => boolean, ms: number, what: string): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - started;
}
