import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backups, backupStamp } from '../../src/store/backups.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { openStoreReadOnly } from '../../src/store/read-only-store.js';
import type { Store } from '../../src/store/store.js';
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

  it('keeps only the newest `backups` copies, and takes none at open', async () => {
    const c = clock();
    const store = await openStore({ file, seed, now: c.now, backups: 2 });
    const states: string[] = [];
    for (let n = 0; n < 5; n++) {
      c.advance(120_000);
      states.push(await readFile(file, 'utf8'));
      await store.update((d) => void d.ledger.push(ledgerEntry(n)));
    }
    await store.close();
    const names = await listBackups();
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(`trade-brief.db.json.${backupStamp(c.now())}.json`);
    expect(await readFile(join(backupsDir, names[1] ?? ''), 'utf8')).toBe(states[4]);
    expect(await readFile(join(backupsDir, names[0] ?? ''), 'utf8')).toBe(states[3]);
    c.advance(1_000);
    const again = await openStore({ file, seed, now: c.now, backups: 2 });
    await again.close();
    expect(await listBackups()).toEqual(names);
  });

  it('after one add and five reads, the state before the add is still the newest backup', async () => {
    const c = clock();
    await (await openStore({ file, seed, now: c.now })).close();
    const beforeAdd = await readFile(file, 'utf8');
    c.advance(60_000);
    const editor = await openStore({ file, seed, now: c.now });
    await editor.update((d) => void d.ledger.push(ledgerEntry(1)));
    await editor.close();
    for (let n = 0; n < 5; n++) {
      c.advance(120_000);
      const reader = await openStore({ file, seed, now: c.now });
      expect(reader.read().ledger).toHaveLength(1);
      await reader.close();
    }
    const names = await listBackups();
    expect(names).toHaveLength(1);
    expect(await readFile(join(backupsDir, names[0] ?? ''), 'utf8')).toBe(beforeAdd);
  });

  it('backs up before the first write of every session, never the same state twice', async () => {
    const c = clock();
    const session = async (change: (d: Parameters<Parameters<Store['update']>[0]>[0]) => void) => {
      c.advance(5_000); // well inside the one-a-minute interval: each session's first write still backs up
      const s = await openStore({ file, seed, now: c.now });
      await s.update(change);
      await s.close();
    };
    await (await openStore({ file, seed, now: c.now })).close();
    const s0 = await readFile(file, 'utf8');
    await session((d) => void d.ledger.push(ledgerEntry(1)));
    const s1 = await readFile(file, 'utf8');
    await session(() => undefined); // rewrites S1: S1 is backed up first
    await session(() => undefined); // S1 again: already the newest backup, not copied twice
    const contents = async () =>
      Promise.all((await listBackups()).map((n) => readFile(join(backupsDir, n), 'utf8')));
    expect(await contents()).toEqual([s0, s1]);
    // Someone restores the older state by hand; the next write keeps it as the newest backup, once.
    await writeFile(file, s0);
    await session((d) => void d.ledger.push(ledgerEntry(2)));
    expect(await contents()).toEqual([s1, s0]);
    expect(await readFile((await new Backups(file, 5, c.now).newest()) ?? '', 'utf8')).toBe(s0);
  });

  it('names the newest backup in the message when the file is corrupt', async () => {
    const c = clock();
    const store = await openStore({ file, seed, now: c.now });
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    await store.close();
    c.advance(5_000);
    const next = await openStore({ file, seed, now: c.now });
    await next.update((d) => void d.ledger.push(ledgerEntry(2))); // backs up the state with one entry
    await next.close();
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

  it('reading the store while another process holds it writes nothing at all', async () => {
    const c = clock();
    const holder = await openStore({ file, seed, now: c.now });
    await holder.update((d) => void d.ledger.push(ledgerEntry(1)));
    const snapshot = async () => {
      const names = [...(await readdir(dir)), ...(await listBackups()).map((n) => `backups/${n}`)];
      return Promise.all(
        names.sort().map(async (n) => {
          const s = await stat(join(dir, n));
          return `${n} ${s.size} ${s.mtimeMs}`;
        }),
      );
    };
    const before = await snapshot();
    const reader = await openStoreReadOnly(file, 'the running bot');
    expect(reader.read().ledger).toHaveLength(1);
    await expect(reader.update(() => undefined)).rejects.toThrow('nothing was changed');
    await reader.close();
    expect(await snapshot()).toEqual(before);
    await holder.close();
  });

  it('can be turned off with backups: 0', async () => {
    const store = await openStore({ file, seed, now: clock().now, backups: 0 });
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    await store.close();
    expect(await listBackups()).toEqual([]);
  });
});
