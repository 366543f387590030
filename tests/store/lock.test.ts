import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { seed } from './fixtures/sample.js';
import { clock, runFixture, tempDir } from './helpers.js';

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

  it('makes a second process fail fast, naming the file and the holder pid', async () => {
    const store = await open();
    const { code, stdout, stderr } = await runFixture([file, 'open']);
    expect(code).not.toBe(0);
    expect(stdout).not.toContain('opened');
    const waited = Number(/failed after (\d+) ms/.exec(stdout)?.[1]);
    expect(waited).toBeLessThan(1_000); // fails at once: no waiting or retrying
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
