import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreClosedError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { SCHEMA_VERSION, StoreData } from '../../src/store/schema.js';
import { ledgerEntry, sampleEvent, sampleMeasure, seed } from './fixtures/sample.js';
import { clock, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'data', 'trade-brief.db.json');
});
afterEach(() => cleanup());

const open = (now = clock().now) => openStore({ file, seed, now });

describe('openStore', () => {
  it('creates a missing file from the seed, and a reopen gives the same data', async () => {
    const store = await open();
    expect(store.location).toBe(file);
    expect(store.revision).toBe(0);
    expect(store.read()).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      events: [sampleEvent],
      measures: [sampleMeasure],
      archive: [],
      audit: [],
      subscriptions: [],
      ledger: [],
    });
    expect(StoreData.parse(JSON.parse(await readFile(file, 'utf8')))).toEqual(store.read());
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    const before = store.read();
    await store.close();
    const again = await open();
    expect(again.read()).toEqual(before);
    expect(again.revision).toBe(0);
    await again.close();
  });

  it('keeps all 200 concurrent updates, in call order', async () => {
    const store = await open();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) => store.update((d) => d.ledger.push(ledgerEntry(n)))),
    );
    expect(results).toEqual(Array.from({ length: 200 }, (_, n) => n + 1));
    expect(store.revision).toBe(200);
    await store.close();
    const again = await open();
    expect(again.read().ledger.map((e) => e.key)).toEqual(
      Array.from({ length: 200 }, (_, n) => `digest-${n}`),
    );
    await again.close();
  });

  it('keeps nothing from a change that throws: read() and the file are unchanged', async () => {
    const store = await open();
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    const state = store.read();
    const bytes = await readFile(file);
    const failing = store.update((d) => {
      d.ledger.push(ledgerEntry(2));
      d.events.splice(0, 1);
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(store.read()).toBe(state);
    expect(store.read().ledger).toHaveLength(1);
    expect(store.read().events).toHaveLength(1);
    expect(store.revision).toBe(1);
    expect((await readFile(file)).equals(bytes)).toBe(true);
    await expect(store.update((d) => d.ledger.length)).resolves.toBe(1);
    await store.close();
  });

  it('rejects an async change without saving it', async () => {
    const store = await open();
    await expect(store.update(async (d) => d.ledger.push(ledgerEntry(1)))).rejects.toThrow(/synchronous/);
    expect(store.read().ledger).toHaveLength(0);
    await store.close();
  });

  it('refuses updates after close, with a clear error, and releases the lock', async () => {
    const store = await open();
    const pending = store.update((d) => void d.ledger.push(ledgerEntry(1)));
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.update(() => 1)).rejects.toThrow(StoreClosedError);
    await expect(store.update(() => 1)).rejects.toThrow(`The store for ${file} is closed`);
    expect(await readdir(join(dir, 'data'))).not.toContain('trade-brief.db.json.lock');
    const again = await open();
    expect(again.read().ledger).toHaveLength(1);
    await again.close();
  });

  it('leaves no temp files behind', async () => {
    const store = await open();
    for (let n = 0; n < 5; n++) await store.update((d) => void d.ledger.push(ledgerEntry(n)));
    await store.close();
    const names = await readdir(join(dir, 'data'));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
