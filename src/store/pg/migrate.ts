import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { nodeCrypto } from '../../lazy-crypto.js';
import { StoreError } from '../errors.js';
import { ident } from './connection.js';

/** One schema migration: a plain SQL file `NNN_what.sql`, run once, in order. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The `migrations/` folder at the package root, found from here whether run by tsx (src/) or compiled (dist/src/). */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir)
      throw new Error('no package.json above the store code: the migrations folder cannot be found');
    dir = up;
  }
  return join(dir, 'migrations');
}

/** Reads the migration files in version order; a misnamed file or a repeated version is refused. */
export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const name of names) {
    const m = /^(\d{3,})_[a-z0-9_]+\.sql$/.exec(name);
    if (!m) throw new Error(`${join(dir, name)}: a migration is named NNN_what.sql, e.g. 002_add_index.sql`);
    const version = Number(m[1]);
    if (out.some((x) => x.version === version))
      throw new Error(`${join(dir, name)}: migration version ${version} is used twice`);
    const sql = await readFile(join(dir, name), 'utf8');
    out.push({ version, name, sql, checksum: nodeCrypto().createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

/** Who applied what: created by the runner itself, so a migration file never has to. */
const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** The advisory lock key of `schema`'s migrations: one replica migrates, the others wait and find it done. */
export const lockKey = (schema: string): string => `trade-brief:migrate:${schema}`;

/**
 * Brings `schema` up to the newest migration, each file in its own transaction with its record in
 * schema_migrations, under a session advisory lock. Refuses a database migrated by a newer Trade Brief or one
 * whose recorded migration no longer matches its file. Returns the names applied now. `then` runs still
 * under the lock (the store's first load and seeding), so two replicas starting at once do not both seed.
 */
export async function migrate<T>(
  client: pg.PoolClient,
  schema: string,
  location: string,
  migrations: readonly Migration[],
  then: (applied: string[]) => Promise<T>,
): Promise<T> {
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey(schema)]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    await client.query(LEDGER);
    const done = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of done.rows) {
      const m = known.get(row.version);
      if (!m)
        throw new StoreError(
          location,
          `${location} was migrated by a newer Trade Brief (migration ${row.name} is unknown here). Upgrade ` +
            'Trade Brief, or point DATABASE_URL / DATABASE_SCHEMA elsewhere. Nothing was changed.',
        );
      if (m.checksum !== row.checksum)
        throw new StoreError(
          location,
          `migrations/${m.name} differs from the one applied to ${location}: a migration that has run is never ` +
            'edited; put the change in a new file. Nothing was changed.',
        );
    }
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.rows.some((r) => r.version === m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(m.name);
    }
    return await then(applied);
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey(schema)]).catch(() => undefined);
  }
}
