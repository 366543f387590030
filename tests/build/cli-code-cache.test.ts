import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChild } from '../helpers/run-child.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const STATE_HOOK = join(ROOT, 'tests/helpers/cli-cache-state.mjs');
const NOW = '2026-03-12T09:00:00Z';

/**
 * The one-shot CLI (`npm run cli`, dist/cli.mjs) runs its bundle with the V8 code cache the build made. These tests
 * run it from a copy of dist/'s three files, with the cache as built, missing, stamped for another bundle, made for
 * another script, or garbage: the answer must be the same each time, and the same as the unbundled dist/src/cli.js.
 */
describe('the CLI bundle with its code cache', () => {
  let dir: string;
  let env: Record<string, string>;
  let stamp: string;
  let built: Buffer;
  let expected: string;

  /** Runs `brief` through the copy's dist/cli.mjs with `cache` as its cache file (none when undefined). */
  async function briefWith(cache: Buffer | undefined) {
    const cacheFile = join(dir, 'dist', 'cli-bundle.cjs.cache');
    await rm(cacheFile, { force: true });
    if (cache) await writeFile(cacheFile, cache);
    const stateFile = join(dir, `state-${Math.random().toString(36).slice(2)}`);
    const run = await runChild(
      process.execPath,
      ['--import', STATE_HOOK, join(dir, 'dist', 'cli.mjs'), 'brief', '--now', NOW],
      { cwd: ROOT, env: { ...process.env, ...env, CLI_CACHE_STATE_FILE: stateFile } },
    );
    return { ...run, cache: await readFile(stateFile, 'utf8') };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-code-cache-'));
    env = { SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', TIME_ZONE: 'UTC', DB_FILE: join(dir, 'store.db.json') };
    await mkdir(join(dir, 'dist'));
    for (const f of ['cli.mjs', 'cli-bundle.cjs'])
      await copyFile(join(ROOT, 'dist', f), join(dir, 'dist', f));
    // The bundle requires its outside packages (pino, echarts, …) from node_modules, found from where it is.
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    built = await readFile(join(ROOT, 'dist', 'cli-bundle.cjs.cache'));
    const bundle = await readFile(join(ROOT, 'dist', 'cli-bundle.cjs'), 'latin1');
    stamp = bundle.slice(0, bundle.indexOf('\n'));
    const modules = await runChild(process.execPath, ['dist/src/cli.js', 'brief', '--now', NOW], {
      cwd: ROOT,
      env: { ...process.env, ...env }, // the first answer also makes the store from the seed
    });
    expect(modules.code).toBe(0);
    expected = modules.stdout;
    expect(expected).toMatch(/^Trade brief\n/);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the build stamps the cache with the first line of the bundle it was made from', () => {
    expect(stamp).toMatch(/^\/\/ trade-brief one-shot CLI bundle [0-9a-f]{64} *$/);
    expect((stamp.length + 1) % 8).toBe(0); // the V8 data after it is aligned, so V8 need not copy it
    expect(built.subarray(0, stamp.length + 1).toString('latin1')).toBe(`${stamp}\n`);
  });

  it('runs its code in strict mode, as the ES modules it was built from', async () => {
    const bundle = join(dir, 'dist', 'cli-bundle.cjs');
    const original = await readFile(bundle, 'latin1');
    // A function called without a receiver sees `this` undefined only in strict code.
    await writeFile(
      bundle,
      `${original}\n;process.stderr.write('strict:' + (function () { return this === undefined; })() + '\\n');`,
      'latin1',
    );
    try {
      const r = await briefWith(undefined);
      expect(r.stderr).toContain('strict:true');
      expect(r.stdout).toBe(expected);
    } finally {
      await writeFile(bundle, original, 'latin1');
    }
  });

  it('V8 accepts the cache as built, and the answer is the same as without the bundle', async () => {
    const r = await briefWith(built);
    expect(r.cache).toBe('accepted');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it('without a cache file, the bundle is compiled from its source: the same answer', async () => {
    const r = await briefWith(undefined);
    expect(r.cache).toBe('none');
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', expected]);
  });

  it('a cache stamped for another bundle is not given to V8: the same answer', async () => {
    const other = Buffer.concat([
      Buffer.from(`${stamp.trimEnd().slice(0, -8)}00000000${stamp.slice(stamp.trimEnd().length)}\n`),
      built.subarray(stamp.length + 1),
    ]);
    const r = await briefWith(other);
    expect(r.cache).toBe('none');
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', expected]);
  });

  it('a cache made for another script, or garbage, under the right stamp is rejected by V8: the same answer', async () => {
    const foreign = new Script('(function () { return 1 + 1; })').createCachedData();
    const garbage = Buffer.alloc(built.length - stamp.length - 1, 0x5a);
    for (const data of [foreign, garbage, Buffer.alloc(0)]) {
      const r = await briefWith(Buffer.concat([Buffer.from(`${stamp}\n`), data]));
      expect(r.cache).toBe('rejected');
      expect([r.code, r.stderr, r.stdout]).toEqual([0, '', expected]);
    }
  });
});
