import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupStamp } from '../../src/store/backups.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { ledgerEntry, seed } from './fixtures/sample.js';
import { clock, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let backupsDir: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'trade-brief.db.json');
  backupsDir = join(dir, 'backups');
});
afterEach(() => cleanup());

const listBackups = async () => (await readdir(backupsDir).catch(() => [] as string[])).sort();

describe('rolling backups', () => {
  it('copies the last good file before a write, at most once a minute, named by a safe timestamp', async () => {
    const c = clock('2026-03-01T12:00:00.000Z');
    const store = await openStore({ file, seed, now: c.now });
    expect(await listBackups()).toEqual([]); // a brand-new file has nothing to back up
    const seeded = await readFile(file, 'utf8');
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    expect(await listBackups()).toEqual(['trade-brief.db.json.2026-03-01T12-00-00.000Z.json']);
    expect(
      await readFile(join(backupsDir, 'trade-brief.db.json.2026-03-01T12-00-00.000Z.json'), 'utf8'),
    ).toBe(seeded);
    c.advance(30_000);
    await store.update((d) => void d.ledger.push(ledgerEntry(2)));
    expect(await listBackups()).toHaveLength(1);
    c.advance(31_000);
    const beforeThird = await readFile(file, 'utf8');
    await store.update((d) => void d.ledger.push(ledgerEntry(3)));
    const names = await listBackups();
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(`trade-brief.db.json.${backupStamp(c.now())}.json`);
    expect(names[1]).not.toContain(':');
    expect(await readFile(join(backupsDir, names[1] ?? ''), 'utf8')).toBe(beforeThird);
    await store.close();
  });

  it('keeps only the newest `backups` copies, and backs up a loaded file at open', async () => {
    const c = clock();
    const store = await openStore({ file, seed, now: c.now, backups: 2 });
    for (let n = 0; n < 5; n++) {
      c.advance(120_000);
      await store.update((d) => void d.ledger.push(ledgerEntry(n)));
    }
    await store.close();
    const names = await listBackups();
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(`trade-brief.db.json.${backupStamp(c.now())}.json`);
    c.advance(1_000);
    const current = await readFile(file, 'utf8');
    const again = await openStore({ file, seed, now: c.now, backups: 2 });
    const after = await listBackups();
    expect(after).toHaveLength(2);
    expect(after[1]).toBe(`trade-brief.db.json.${backupStamp(c.now())}.json`);
    expect(await readFile(join(backupsDir, after[1] ?? ''), 'utf8')).toBe(current);
    await again.close();
  });

  it('names the newest backup in the message when the file is corrupt', async () => {
    const c = clock();
    const store = await openStore({ file, seed, now: c.now });
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    await store.close();
    c.advance(5_000);
    await openStore({ file, seed, now: c.now }).then((s) => s.close()); // open-time backup, the newest
    const newest = join(backupsDir, `trade-brief.db.json.${backupStamp(c.now())}.json`);
    await writeFile(file, '{"schemaVersion": 1, "events": [');
    const error = await openStore({ file, seed, now: c.now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toContain(`Restore the newest backup with: cp ${newest} ${file}`);
    // Following the advice works.
    await writeFile(file, await readFile(newest));
    const restored = await openStore({ file, seed, now: c.now });
    expect(restored.read().ledger).toHaveLength(1);
    await restored.close();
  });

  it('can be turned off with backups: 0', async () => {
    const store = await openStore({ file, seed, now: clock().now, backups: 0 });
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    await store.close();
    expect(await listBackups()).toEqual([]);
  });
});
