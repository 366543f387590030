/**
 * `npx tsx bench/store-backends.ts`: one store.update() appending a ledger entry, the JSON file (fsynced) against
 * PostgreSQL (one transaction), 200 each in turn on the seed; then how long an edit through one PgStore takes to
 * show in a second one on the same schema (NOTIFY and reload). Reads TEST_DATABASE_URL (or DATABASE_URL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { LedgerEntry } from '../src/domain/subscription.js';
import { openStore } from '../src/store/open-store.js';
import { openPgStore } from '../src/store/pg/open-pg-store.js';
import { loadSeed } from '../src/store/seed.js';
import type { Store } from '../src/store/store.js';

const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error('set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
const seed = () => loadSeed('data/seed.json');
const now = () => new Date();
const N = 200;
const entry = (n: number): LedgerEntry => ({
  key: `bench-${n}`,
  channel: { platform: 'slack', id: 'C1' },
  kind: 'digest',
  state: 'sent',
  dueAt: '2026-03-01T08:00:00Z',
  late: false,
  attempts: 1,
});

async function perUpdate(store: Store): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < N; i++) await store.update((d) => void d.ledger.push(entry(i)));
  return (performance.now() - started) / N;
}

const dir = await mkdtemp(join(tmpdir(), 'trade-brief-bench-'));
const schema = `tb_bench_${process.pid}`;
const json = await openStore({ file: join(dir, 'store.db.json'), seed, now, backups: 0 });
const a = await openPgStore({ url, schema, seed, now });
const b = await openPgStore({ url, schema, seed, now });
try {
  const jsonMs = await perUpdate(json);
  const pgMs = await perUpdate(a);
  const seen: number[] = [];
  for (let i = 0; i < 21; i++) {
    const title = `Benchmark title ${i}`;
    const started = performance.now();
    await a.update((d) => {
      d.events[0] = { ...(d.events[0] as (typeof d.events)[number]), title };
    });
    while (b.read().events[0]?.title !== title) await new Promise((r) => setTimeout(r, 1));
    seen.push(performance.now() - started);
  }
  seen.sort((x, y) => x - y);
  console.log(
    `store.update(): JSON ${jsonMs.toFixed(1)} ms, PostgreSQL ${pgMs.toFixed(1)} ms (× ${(pgMs / jsonMs).toFixed(2)} ` +
      `of JSON); an edit seen by a second replica after ${seen[10]?.toFixed(1)} ms median, ${seen[20]?.toFixed(1)} ms max`,
  );
} finally {
  await json.close();
  await a.close();
  await b.close();
  const admin = new pg.Client(url);
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
}
