import { afterAll, describe, expect, it } from 'vitest';
import type { PgStore } from '../../src/store/pg/pg-store.js';
import { adminQuery, freshSchema, openTestPgStore, PG_URL } from '../helpers/pg.js';
import { sampleEvent, sampleMeasure, seed } from './fixtures/sample.js';

describe.skipIf(!PG_URL)('PostgreSQL store: migrations and the seed at start-up', () => {
  const { schema, drop } = freshSchema();
  const stores: PgStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    await drop();
  });

  it('migrates and seeds an empty schema once when three replicas start at the same moment', async () => {
    const opened = await Promise.all(
      [1, 2, 3].map(() => openTestPgStore(schema, seed(), { seedDigest: async () => 'd1' })),
    );
    stores.push(...opened);
    const migrations = await adminQuery<{ version: number; name: string }>(
      `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
    );
    expect(migrations.rows).toEqual([
      { version: 1, name: '001_store.sql' },
      { version: 2, name: '002_calendar_tokens.sql' },
    ]);
    const events = await adminQuery<{ key: string }>(`SELECT key FROM ${schema}.events`);
    expect(events.rows).toEqual([{ key: sampleEvent.id }]);
    for (const s of opened) {
      expect(s.read().events).toEqual([sampleEvent]);
      expect(s.read().measures).toEqual([sampleMeasure]);
      expect(s.read().seed?.digest).toBe('d1');
      expect(s.read().audit).toEqual([]);
      expect(s.revision).toBe(opened[0]?.revision);
    }
  });

  it('brings a changed seed in once, as an audited seed sync, however many replicas start with it', async () => {
    const corrected = { ...sampleEvent, title: 'US-China talks in Geneva (corrected)' };
    const added = { ...sampleEvent, id: 'new-in-seed', title: 'A meeting the seed gained' };
    const next = () => ({ events: [corrected, added], measures: [sampleMeasure] });
    const opened = await Promise.all(
      [1, 2].map(() => openTestPgStore(schema, next(), { seedDigest: async () => 'd2' })),
    );
    stores.push(...opened);
    for (const s of opened) {
      expect(s.read().events).toEqual([corrected, added]);
      expect(s.read().seed?.digest).toBe('d2');
      expect(s.read().audit.map((a) => [a.actor, a.action, a.id])).toEqual([
        ['seed', 'edit', sampleEvent.id],
        ['seed', 'add', 'new-in-seed'],
      ]);
    }
  });

  it('refuses to start when a migration that ran was edited afterwards, saying what to do', async () => {
    const sum = `SELECT checksum FROM ${schema}.schema_migrations WHERE version = 1`;
    const original = (await adminQuery<{ checksum: string }>(sum)).rows[0]?.checksum;
    await adminQuery(`UPDATE ${schema}.schema_migrations SET checksum = 'x' WHERE version = 1`);
    await expect(openTestPgStore(schema, seed())).rejects.toThrow(
      /migrations\/001_store\.sql differs from the one applied to .*: a migration that has run is never edited; put the change in a new file\. Nothing was changed\./,
    );
    await adminQuery(`UPDATE ${schema}.schema_migrations SET checksum = $1 WHERE version = 1`, [original]);
    await adminQuery(
      `INSERT INTO ${schema}.schema_migrations (version, name, checksum) VALUES (999, '999_future.sql', 'y')`,
    );
    await expect(openTestPgStore(schema, seed())).rejects.toThrow(/was migrated by a newer Trade Brief/);
  });
});
