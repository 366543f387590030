import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { StoreData } from '../../src/store/schema.js';
import { seed } from './fixtures/sample.js';
import { type Fixture, spawnFixture, tempDir, waitForLine } from './helpers.js';

const KILLS = 16;
/** Children started ahead, loading their modules (the slow part) while the current one writes. */
const LOOKAHEAD = 3;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** Every n the file holds, from ledger keys digest-<n> and audit seqs. */
async function savedOnDisk(file: string): Promise<Set<number>> {
  const data = StoreData.parse(JSON.parse(await readFile(file, 'utf8')));
  const ledger = data.ledger.map((e) => Number(e.key.slice('digest-'.length)));
  return new Set([...ledger, ...data.audit.map((e) => e.seq)]);
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs mid-write with every reported save on disk`, async () => {
    const file = join(dir, 'trade-brief.db.json');
    const started = Date.now();
    const children: Fixture[] = [];
    const load = (i: number) => children.push(spawnFixture([file, 'loop', String(i * 1_000_000 + 1)]));
    let reported = 0;
    try {
      for (let i = 0; i < LOOKAHEAD; i++) load(i);
      for (let i = 0; i < KILLS; i++) {
        const child = children[i] as Fixture;
        await waitForLine(child, 'loaded');
        child.child.stdin.write('go\n'); // the previous child is dead and reaped: its lock is stale
        await waitForLine(child, 'ready');
        if (i + LOOKAHEAD < KILLS) load(i + LOOKAHEAD);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 350));
        child.child.kill('SIGKILL');
        await child.exited; // reaped, so its pid is really gone
        const saved = [...child.output.stdout.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]));
        reported += saved.length;
        const onDisk = await savedOnDisk(file);
        expect(
          saved.filter((n) => !onDisk.has(n)),
          `kill ${i + 1}: reported saved but missing`,
        ).toEqual([]);
      }
    } finally {
      for (const c of children) c.child.kill('SIGKILL');
    }
    console.log(`crash test: ${KILLS} kills, ${reported} reported saves, ${Date.now() - started} ms`);
    expect(reported).toBeGreaterThan(KILLS);
    // After the last kill the store still opens (stale lock taken over) and leftover temp files are swept.
    const store = await openStore({ file, seed, now: () => new Date() });
    expect(store.read().ledger.length + store.read().audit.length).toBeGreaterThanOrEqual(reported);
    await store.close();
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  }, 60_000);
});
