import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStore } from '../../src/store/codec.js';
import { redactUrl } from '../../src/store/pg/connection.js';
import { freshSchema, openTestPgStore, PG_URL } from '../helpers/pg.js';
import { runChild } from '../helpers/run-child.js';
import { richStore, subscription } from './fixtures/rich.js';
import { ledgerEntry, seed } from './fixtures/sample.js';
import { ROOT, tempDir } from './helpers.js';

const SEED_FILE = join(ROOT, 'data/seed.json');

/** Runs the compiled CLI with `env` over a clean environment (no DATABASE_URL unless given). */
function cli(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _, DATABASE_SCHEMA: __, DB_FILE: ___, ...base } = process.env;
  return runChild(process.execPath, ['dist/src/cli.js', ...args], {
    cwd: ROOT,
    env: { ...base, SEED_FILE, SOURCES_ENABLED: 'false', ...env },
  });
}

const readStore = async (file: string) => decodeStore(await readFile(file), file).data;

describe.skipIf(!PG_URL)('store export and import between the JSON file and PostgreSQL', () => {
  const { schema, drop } = freshSchema();
  let dir: string;
  let cleanup: () => Promise<void>;
  const pgEnv = () => ({ DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema });
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(async () => {
    await drop();
    await cleanup();
  });

  it('moves a JSON store into PostgreSQL and back out without losing anything', async () => {
    const original = richStore();
    const file = join(dir, 'from-json.db.json');
    await writeFile(file, JSON.stringify(original, null, 2));
    const imported = await cli(['store', 'import', file], pgEnv());
    expect(imported.stderr).toContain(
      `Imported ${file} into ${redactUrl(PG_URL)} (schema ${schema}): 2 events, 1 measure, ` +
        '2 archived, 3 audit entries, 2 subscriptions, 4 ledger entries, 2 watched sources, 2 proposals, ' +
        '2 calendar tokens.',
    );
    expect(imported.code).toBe(0);
    const store = await openTestPgStore(schema, seed());
    expect(isDeepStrictEqual(store.read(), original)).toBe(true);
    await store.close();
    const out = join(dir, 'from-pg.db.json');
    const exported = await cli(['store', 'export', out], pgEnv());
    expect(exported.code).toBe(0);
    expect(isDeepStrictEqual(await readStore(out), original)).toBe(true);
    // Without a file, the export is the store's JSON alone on stdout (the summary goes to stderr).
    const piped = await cli(['store', 'export'], pgEnv());
    expect(isDeepStrictEqual(decodeStore(piped.stdout, 'stdout').data, original)).toBe(true);
  });

  it('moves a PostgreSQL store, changed through the store, into a JSON file without losing anything', async () => {
    const store = await openTestPgStore(schema, seed());
    await store.update((d) => {
      d.subscriptions.push(subscription('C3', '07:15'));
      d.ledger.splice(0, 1);
      d.ledger.push({ ...ledgerEntry(7), lastError: 'a line\nwith "quotes" and ünïcode' });
      d.events = d.events.slice(1);
      d.scheduler = { ...d.scheduler, cursor: '2026-03-02T00:00:00Z' };
    });
    const expected = store.read();
    await store.close();
    const out = join(dir, 'pg-export.db.json');
    expect((await cli(['store', 'export', out], pgEnv())).code).toBe(0);
    const target = join(dir, 'target.db.json');
    // The target JSON store exists already (created from the seed) and is replaced whole.
    await writeFile(target, JSON.stringify(richStore()));
    const imported = await cli(['store', 'import', out], { DB_FILE: target });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(
      /^Imported .* into .*target\.db\.json: 1 event, 1 measure, .*It replaced 2 events/,
    );
    const moved = await readStore(target);
    expect(isDeepStrictEqual(moved, expected)).toBe(true);
    expect(moved.ledger.map((e) => e.key)).toEqual(['digest-2', 'digest-3', 'digest-4', 'digest-7']);
  });

  it('refuses a file that is not a store, naming it, and changes nothing', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"events": 3}');
    const r = await cli(['store', 'import', bad], pgEnv());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${bad} does not match the store schema`);
    const usage = await cli(['store', 'import'], pgEnv());
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Use `store export [file]`');
  });
});
