import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChild } from '../helpers/run-child.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const TRACE = join(ROOT, 'tests/helpers/trace-loads.mjs');
const NOW = '2026-03-12T09:00:00Z';

/** Runs the compiled bot (node dist/…) with `input` on stdin; returns what it printed and every module it loaded. */
async function runCompiled(script: string, args: string[], input: string, env: Record<string, string>) {
  const trace = join(env.DIR as string, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const run = await runChild(process.execPath, ['--import', TRACE, script, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: '',
      DISCORD_TOKEN: '',
      TIME_ZONE: 'UTC',
      ...env,
      TRACE_LOADS_FILE: trace,
    },
    input,
  });
  const loaded = () => readFile(trace, 'utf8').then((t) => t.split('\n').filter(Boolean));
  return { ...run, loaded };
}

const SDKS = /node_modules\/(@slack\/|discord\.js|@discordjs\/)/;
/** What only the source watcher, the logger and the metrics use: a one-shot answer needs none of it. */
const WATCHER_AND_SERVER =
  /node_modules\/(undici|fast-xml-parser|@rowanmanning\/|html-entities|pino|prom-client)\//;

describe('the compiled bot in a terminal', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-compiled-'));
    env = { DIR: dir, DB_FILE: join(dir, 'store.db.json') };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('npm start (dist/src/main.js) answers in the terminal without loading Bolt or discord.js', async () => {
    const r = await runCompiled('dist/src/main.js', ['--now', NOW], 'brief\n', env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Paris talks[^\n]* · in 3 days/);
    const loaded = await r.loaded();
    expect(loaded.some((u) => u.includes('/dist/src/main.js'))).toBe(true);
    expect(loaded.filter((u) => SDKS.test(u))).toEqual([]);
  });

  it('a one-shot answer loads no SDK, no HTTP client, feed parser, logger or metrics, and writes no backup', async () => {
    const backups = async () => readdir(join(dir, 'backups')).catch(() => [] as string[]);
    const before = await backups();
    const r = await runCompiled('dist/src/cli.js', ['brief', '--now', NOW], '', env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Paris talks[^\n]* · in 3 days/);
    const loaded = await r.loaded();
    expect(loaded.filter((u) => SDKS.test(u))).toEqual([]);
    expect(loaded.filter((u) => WATCHER_AND_SERVER.test(u))).toEqual([]);
    expect(await backups()).toEqual(before);
  });

  it('npm run cli runs the bundle (dist/cli.mjs): the same answer from one file, none of the modules loaded one by one', async () => {
    const modules = await runCompiled('dist/src/cli.js', ['brief', '--now', NOW], '', env);
    const bundle = await runCompiled('dist/cli.mjs', ['brief', '--now', NOW], '', env);
    expect(bundle.stderr).toBe('');
    expect(bundle.code).toBe(0);
    expect(bundle.stdout).toMatch(/Paris talks[^\n]* · in 3 days/);
    expect(bundle.stdout).toBe(modules.stdout);
    const loaded = await bundle.loaded();
    expect(loaded.filter((u) => u.includes('/dist/src/') || u.includes('/node_modules/zod/'))).toEqual([]);
    expect(loaded.filter((u) => SDKS.test(u) || WATCHER_AND_SERVER.test(u))).toEqual([]);
  });

  it('a one-shot change still takes the lock and saves', async () => {
    const r = await runCompiled('dist/src/cli.js', ['unsubscribe', '--now', NOW], '', env);
    expect(r.code).toBe(0);
    const after = await runCompiled('dist/src/cli.js', ['subscriptions', '--now', NOW], '', env);
    expect(after.stdout).toContain('This channel has no subscription');
  });
});
