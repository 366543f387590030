import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, where `node --import tsx` resolves tsx. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The child-process fixture. */
export const WRITE_LOOP = join(ROOT, 'tests/store/fixtures/write-loop.ts');

/** Makes a fresh temp dir; returns it with a cleanup function. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'trade-brief-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A settable clock for `now`. */
export function clock(start = '2026-03-01T12:00:00.000Z') {
  let t = Date.parse(start);
  const advance = (ms: number): void => {
    t += ms;
  };
  return { now: () => new Date(t), advance };
}

/** A running fixture child with its output so far. */
export interface Fixture {
  child: ChildProcessWithoutNullStreams;
  output: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/** Starts the write-loop fixture (one process, so SIGKILL hits the writer itself). */
export const spawnFixture = (args: string[]): Fixture => spawnScript(WRITE_LOOP, args);

/** Starts a script (TypeScript with `node --import tsx`, JavaScript with plain node), collecting what it prints. */
export function spawnScript(script: string, args: readonly string[]): Fixture {
  const loader = /\.m?js$/.test(script) ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...loader, script, ...args], { cwd: ROOT });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    output.stdout += d;
  });
  child.stderr.on('data', (d) => {
    output.stderr += d;
  });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { child, output, exited };
}

/** Resolves once the fixture printed `line`; rejects if it exits first or takes longer than `ms`. */
export function waitForLine(f: Fixture, line: string, ms = 15_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${line}" after ${ms} ms: ${f.output.stderr}`)), ms);
    const check = () => {
      if (!f.output.stdout.includes(`${line}\n`)) return;
      clearTimeout(timer);
      resolve();
    };
    f.child.stdout.on('data', check);
    check();
    f.exited.then((code) => reject(new Error(`exited (${code}) before "${line}": ${f.output.stderr}`)));
  });
}

/** Runs the fixture to completion; returns its exit code and output. */
export async function runFixture(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const f = spawnFixture(args);
  f.child.stdin.end();
  const code = await f.exited;
  return { code, ...f.output };
}
