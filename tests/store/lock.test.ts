import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../src/store/errors.js';
import { LOCK_PATIENCE_MS } from '../../src/store/lock.js';
import { openStore } from '../../src/store/open-store.js';
import { seed } from './fixtures/sample.js';
import { clock, ROOT, runFixture, spawnFixture, tempDir, waitForLine } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
let lockFile: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'trade-brief.db.json');
  lockFile = `${file}.lock`;
});
afterEach(() => cleanup());

const open = () => openStore({ file, seed, now: clock('2026-03-01T12:00:00.000Z').now });
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

describe('the store lock', () => {
  it('records pid, hostname and start time while open, and is removed on close', async () => {
    const store = await open();
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual({
      pid: process.pid,
      hostname: hostname(),
      startedAt: '2026-03-01T12:00:00.000Z',
    });
    await store.close();
    expect(await exists(lockFile)).toBe(false);
  });

  it('refuses a second open in the same process', async () => {
    const store = await open();
    await expect(open()).rejects.toThrow(`${file} is already open in this process (pid ${process.pid}).`);
    await store.close();
  });

  it('makes a second process fail after looking again for at most ~2 s, naming the file and the holder pid', async () => {
    const store = await open();
    const { code, stdout, stderr } = await runFixture([file, 'open']);
    expect(code).not.toBe(0);
    expect(stdout).not.toContain('opened');
    const waited = Number(/failed after (\d+) ms/.exec(stdout)?.[1]);
    expect(waited).toBeGreaterThanOrEqual(LOCK_PATIENCE_MS - 100); // it looked again before refusing
    expect(waited).toBeLessThan(LOCK_PATIENCE_MS + 3_000); // and then gave up
    expect(stderr.trim()).toBe(
      `${file} is in use by another Trade Brief process (pid ${process.pid}, since 2026-03-01T12:00:00.000Z). ` +
        'Stop it, or set DB_FILE to another file.',
    );
    await store.close();
    expect(await runFixture([file, 'open'])).toMatchObject({ code: 0, stdout: 'opened\n' });
  });

  it('takes over the lock of a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = JSON.stringify({ pid: dead, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' });
    await writeFile(lockFile, stale);
    const store = await open();
    expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
    await store.close();
  });

  it('takes over at once from a holder killed but not yet collected by its parent (a zombie)', async () => {
    // The holder's parent is `sleep`, which never collects it: after SIGKILL its pid stays visible.
    const script = `node --import tsx tests/store/fixtures/write-loop.ts '${file}' hold & exec sleep 60`;
    const parent = spawn('sh', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        parent.stdout.on('data', (d) => String(d).includes('held') && resolve());
        setTimeout(() => reject(new Error('the holder did not start')), 20_000);
      });
      const pid = JSON.parse(await readFile(lockFile, 'utf8')).pid as number;
      process.kill(pid, 'SIGKILL');
      const state = () => {
        const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
      };
      for (let i = 0; i < 100 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(state()).toBe('Z');
      expect(() => process.kill(pid, 0)).not.toThrow(); // its pid is still there
      const store = await openStore({ file, seed, now: clock().now, lockPatienceMs: 0 });
      expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
      await store.close();
    } finally {
      parent.kill('SIGKILL');
    }
  }, 30_000);

  it('waits for a holder that dies within the patience window instead of refusing', async () => {
    const holder = spawnFixture([file, 'hold']);
    try {
      await waitForLine(holder, 'held');
      const started = performance.now();
      setTimeout(() => holder.child.kill('SIGKILL'), 500);
      const store = await open();
      expect(performance.now() - started).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(await readFile(lockFile, 'utf8')).pid).toBe(process.pid);
      await store.close();
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
  }, 30_000);

  it('does not guess about a lock held on another host', async () => {
    const foreign = { pid: 4242, hostname: 'other-host', startedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(lockFile, JSON.stringify(foreign));
    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).pid).toBe(4242);
    expect((error as Error).message).toContain('on host other-host (pid 4242');
    expect((error as Error).message).toContain(`If that process is gone, delete ${lockFile}.`);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual(foreign);
  });
});
