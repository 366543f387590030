import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const ESCAPE = join(ROOT, 'tests/platforms/fixtures/escape-on-signal.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trade-brief-fatal-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const env = () => ({
  ...process.env,
  DB_FILE: join(dir, 'store.db.json'),
  TIME_ZONE: 'UTC',
  SLACK_BOT_TOKEN: '',
  DISCORD_TOKEN: '',
});
const gone = (p: string) =>
  access(p).then(
    () => false,
    () => true,
  );

/** Starts the real bot in the terminal with the escape fixture preloaded; resolves once it has answered `brief`. */
async function startBot(how: 'throw' | 'reject') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', ESCAPE, 'src/main.ts', '--now', '2026-03-12T09:00:00Z'],
    { cwd: ROOT, env: { ...env(), ESCAPE: how }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    out.stdout += d;
  });
  child.stderr.on('data', (d) => {
    out.stderr += d;
  });
  const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
  child.stdin.write('brief\n');
  const deadline = Date.now() + 20_000;
  while (!out.stdout.includes('Paris talks') && Date.now() < deadline && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 50));
  expect(out.stdout).toContain('Paris talks');
  return { child, out, exited };
}

describe('an error that escapes every handler', () => {
  it.each(['throw', 'reject'] as const)(
    '(%s) is logged on one line without secrets, the bot exits 70 and restarts on the same store',
    async (how) => {
      const bot = await startBot(how);
      bot.child.kill('SIGUSR2');
      expect(await bot.exited).toBe(70);
      // Logs are JSON lines when stderr is not a terminal: one error-level (50) line says what escaped.
      const fatal = bot.out.stderr.split('\n').filter((l) => l.includes('fatal'));
      expect(fatal).toHaveLength(1);
      const line = JSON.parse(fatal[0] as string) as { level: number; msg: string };
      expect(line.level).toBe(50);
      const kind = how === 'throw' ? 'uncaught exception' : 'unhandled rejection';
      expect(line.msg).toContain(`fatal ${kind}: Error: escaped on purpose near [redacted]`);
      expect(fatal[0]).toContain('escape-on-signal.ts'); // where it was thrown
      expect(fatal[0]).toContain('exiting with code 70 to be restarted');
      expect(bot.out.stderr).not.toContain('secretvalue');
      expect(bot.out.stderr).not.toMatch(/\n\s+at /); // no multi-line stack trace
      expect(await gone(join(dir, 'store.db.json.lock'))).toBe(true);
      // What a supervisor does next: start again on the same store; SIGTERM still stops it cleanly.
      const again = await startBot(how);
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(143);
      expect(again.out.stderr).not.toContain('fatal');
      expect(await gone(join(dir, 'store.db.json.lock'))).toBe(true);
    },
    60_000,
  );
});
