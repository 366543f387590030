import { spawn, spawnSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, readdir, readFile, readlink, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { ledgerEntry, seed } from './fixtures/sample.js';
import { clock, ROOT, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('a DB_FILE that is a symbolic link', () => {
  it('is written through to its target; the link stays a link', async () => {
    await mkdir(join(dir, 'real'));
    await mkdir(join(dir, 'links'));
    const target = join(dir, 'real', 'store.json');
    await (await openStore({ file: target, seed, now: clock().now })).close();
    const link = join(dir, 'links', 'db.json');
    await symlink('../real/store.json', link);
    const store = await openStore({ file: link, seed, now: clock().now });
    await store.update((d) => void d.ledger.push(ledgerEntry(1)));
    await store.close();
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('../real/store.json');
    expect(JSON.parse(await readFile(target, 'utf8')).ledger).toHaveLength(1);
    expect(await readdir(join(dir, 'links'))).toEqual(['db.json']); // no lock, temp or backups beside the link
    expect(await readdir(join(dir, 'real', 'backups'))).toHaveLength(1);
  });

  it('whose target is missing is refused, naming the link and the target, and nothing is created', async () => {
    const link = join(dir, 'db.json');
    const target = join(dir, 'gone', 'store.json');
    await symlink(target, link);
    const error = await openStore({ file: link, seed, now: clock().now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `${link} is a symbolic link to ${target}, which does not exist. Nothing was created. ` +
        `Restore the store at ${target}, or set DB_FILE to the store file itself.`,
    );
    expect(await readdir(dir)).toEqual(['db.json']);
  });
});

/** Whether this process can make a child run as another user (it is root). */
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** Runs the real CLI (`brief` unless told) on `file`, as `nobody` when we are root, so file modes apply. */
function cli(
  file: string,
  words: readonly string[] = ['brief'],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...words], {
    cwd: ROOT,
    env: { ...process.env, DB_FILE: file, TIME_ZONE: 'UTC', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' },
    ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    out.stdout += d;
  });
  child.stderr.on('data', (d) => {
    out.stderr += d;
  });
  return new Promise((r) => child.on('close', (code) => r({ code, ...out })));
}

/**
 * Whether `nobody` can run the CLI from this checkout: a clone inside a private folder (mode 700, as `mktemp -d`
 * makes) is closed to it, and root ignores file modes, so the read-only cases cannot be tried there.
 */
const nobodyCanRun =
  !isRoot ||
  spawnSync(
    process.execPath,
    ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'src', 'cli.ts'))})`],
    {
      uid: NOBODY,
      gid: NOBODY,
      stdio: 'ignore',
    },
  ).status === 0;
if (!nobodyCanRun)
  console.warn(
    `read-only store tests skipped: user nobody (uid ${NOBODY}) cannot read ${ROOT}; clone into a folder others can enter`,
  );

describe.skipIf(!nobodyCanRun)(
  'a store that cannot be written is refused with what is wrong and what to do',
  () => {
    let store: string;
    let folder: string;
    beforeEach(async () => {
      folder = join(dir, 'data');
      await mkdir(folder);
      store = join(folder, 'store.json');
      await (await openStore({ file: store, seed, now: clock().now })).close();
      if (isRoot) {
        await chown(dir, NOBODY, NOBODY);
        await chown(folder, NOBODY, NOBODY);
        await chown(store, NOBODY, NOBODY);
      }
    });

    const advice = (file: string) =>
      `so both must be writable: run chmod u+w ${file} ${join(file, '..')} as their owner, or set DB_FILE to a ` +
      'writable place. Nothing was changed.';

    /** A change, which needs the store written; a question is answered from a read-only store as it is. */
    const CHANGE = ['remove', 'geneva-talks-2026'];

    it('a read-only file (mode 444): a change exits 1 with one line, no stack; a question is still answered', async () => {
      await chmod(store, 0o444);
      const before = await readFile(store, 'utf8');
      const asked = await cli(store);
      expect(asked.code).toBe(0);
      expect(asked.stdout).toContain('Trade brief');
      const { code, stdout, stderr } = await cli(store, CHANGE);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toEqual([
        `${store} cannot be used: the file is read-only (EACCES). Trade Brief writes the store file and ` +
          `creates files beside it (its lock, temporary copies, backups/), ${advice(store)}`,
      ]);
      expect(await readFile(store, 'utf8')).toBe(before);
    }, 30_000);

    it('a read-only folder (mode 555): a change exits 1 with one line, and nothing was written', async () => {
      await chmod(folder, 0o555);
      const before = await readdir(folder);
      const { code, stderr } = await cli(store, CHANGE);
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`${store} cannot be used: its folder ${folder} is read-only (EACCES).`);
      expect(await readdir(folder)).toEqual(before);
    }, 30_000);

    // Root ignores file modes; an immutable file (chattr +i) is refused even to root, where the file system allows it.
    const chattr = isRoot ? spawnSync('chattr', [], { stdio: 'ignore' }).error === undefined : false;
    it.runIf(chattr)(
      'an immutable file, even for root (chattr +i): refused before anything is written',
      async () => {
        if (spawnSync('chattr', ['+i', store]).status !== 0)
          return void console.warn('chattr +i refused here; skipped');
        try {
          const error = await openStore({ file: store, seed, now: clock().now }).catch((e: unknown) => e);
          expect((error as Error).message).toContain(
            `${store} cannot be used: the file is read-only (EPERM).`,
          );
          expect(await readdir(folder)).toEqual(['store.json']);
        } finally {
          spawnSync('chattr', ['-i', store]);
        }
      },
    );
  },
);
