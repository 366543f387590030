import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreVersionError } from '../../src/store/errors.js';
import { migrate } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { sampleEvent, sampleMeasure, seed } from './fixtures/sample.js';
import { clock, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'trade-brief.db.json');
});
afterEach(() => cleanup());

describe('schema migrations', () => {
  it('treats a bare {events, measures} as version 0 and adds the empty collections', () => {
    const result = migrate({ events: [], measures: [] });
    expect(result).toEqual({
      kind: 'ok',
      fromVersion: 0,
      doc: {
        schemaVersion: 3,
        events: [],
        measures: [],
        archive: [],
        audit: [],
        subscriptions: [],
        ledger: [],
        watcher: { version: 1, sources: {}, proposals: [] },
        calendarTokens: [],
      },
    });
  });

  it('upgrades a version-1 store: its items and ledger kept, an empty watcher state and no calendar tokens added', () => {
    const v1 = {
      schemaVersion: 1,
      events: [],
      measures: [],
      archive: [],
      audit: [],
      subscriptions: [],
      ledger: [],
    };
    const result = migrate(v1);
    expect(result).toEqual({
      kind: 'ok',
      fromVersion: 1,
      doc: {
        ...v1,
        schemaVersion: 3,
        watcher: { version: 1, sources: {}, proposals: [] },
        calendarTokens: [],
      },
    });
  });

  it('upgrades a version-2 store: everything kept, calendar tokens start empty', () => {
    const v2 = {
      schemaVersion: 2,
      events: [sampleEvent],
      measures: [],
      archive: [],
      audit: [],
      subscriptions: [],
      ledger: [],
      watcher: { version: 1, sources: {}, proposals: [] },
    };
    expect(migrate(v2)).toEqual({
      kind: 'ok',
      fromVersion: 2,
      doc: { ...v2, schemaVersion: 3, calendarTokens: [] },
    });
  });

  it('upgrades a version-0 file on open, keeping a backup of the original', async () => {
    const original = JSON.stringify({ events: [sampleEvent], measures: [sampleMeasure] });
    await writeFile(file, original);
    const store = await openStore({ file, seed: () => ({ events: [], measures: [] }), now: clock().now });
    expect(store.read()).toMatchObject({
      schemaVersion: 3,
      calendarTokens: [],
      events: [sampleEvent],
      ledger: [],
      audit: [],
    });
    await store.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      archive: [],
    });
    const [backup] = await readdir(join(dir, 'backups'));
    expect(await readFile(join(dir, 'backups', backup ?? ''), 'utf8')).toBe(original);
  });

  it('refuses a file from a newer version and leaves it unchanged', async () => {
    const newer = JSON.stringify({
      schemaVersion: SCHEMA_VERSION + 1,
      events: [],
      measures: [],
      widgets: [],
    });
    await writeFile(file, newer);
    const error = await openStore({ file, seed, now: clock().now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreVersionError);
    expect((error as Error).message).toBe(
      `${file} was written by a newer version of Trade Brief (schema version ${SCHEMA_VERSION + 1}; this version ` +
        `reads up to ${SCHEMA_VERSION}). Upgrade Trade Brief, or set DB_FILE to another file. The file was left unchanged.`,
    );
    expect(await readFile(file, 'utf8')).toBe(newer);
  });
});
