import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs an npm script with piped input, as a user would, and collects what it prints. */
function run(
  script: string[],
  input: string,
  env: Record<string, string>,
  keepOpen: number | Promise<unknown> = 0,
  closeWhen?: (stdout: string) => boolean,
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('npm', ['--silent', ...script], {
      cwd: ROOT,
      env: { ...process.env, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', TIME_ZONE: 'UTC', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (closeWhen?.(stdout)) setTimeout(() => child.stdin.end(), 1500);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.write(input);
    if (typeof keepOpen === 'number') setTimeout(() => child.stdin.end(), keepOpen);
    else void keepOpen.finally(() => child.stdin.end());
  });
}

describe('the bot in a terminal', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-console-'));
    env = { DB_FILE: join(dir, 'store.db.json') };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('npm start answers piped commands in order and exits at the end of input', async () => {
    const r = await run(
      ['start', '--', '--now', '2026-03-12T09:00:00Z'],
      'brief\ndeadlines days:0\n/trade countdown busan-truce-expiry\n',
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const brief = r.stdout.indexOf('Trade brief');
    const mistake = r.stdout.indexOf(
      '`days` must be a whole number from 1 to 365, e.g. `/trade deadlines days:30`',
    );
    const countdown = r.stdout.indexOf('Busan truce: in 243 days');
    expect(brief).toBeGreaterThanOrEqual(0);
    expect(mistake).toBeGreaterThan(brief);
    expect(countdown).toBeGreaterThan(mistake);
    expect(r.stdout).toMatch(/Paris talks[^\n]* · in 3 days/);
  });

  it('with --speed the terminal shows the digest when its time comes, once', async () => {
    // Subscribed on first start at about 07:58 UTC; 60x faster, 08:00 comes after about 2 s of real time.
    const r = await run(
      ['start', '--', '--now', '2026-11-26T07:58:00Z', '--speed', '60'],
      '',
      { DB_FILE: join(dir, 'speed.db.json') },
      20_000,
      (out) => out.includes('Daily trade digest'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout.match(/Daily trade digest/g)).toHaveLength(1);
  });

  it('the one-shot CLI prints one reply and exits 0, or a clear error and exits 1', async () => {
    const ok = await run(['run', 'cli', '--', 'deadlines days:30', '--now', '2026-11-01T00:00:00Z'], '', env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Deadlines — next 30 days');
    expect(ok.stdout).toContain('busan-truce-expiry');
    const bad = await run(['run', 'cli', '--', 'deadlines days:0'], '', env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('`days` must be a whole number from 1 to 365');
  });

  it('the CLI prints the digest as it would be posted', async () => {
    const r = await run(['run', 'cli', '--', 'digest', '--now', '2026-05-13T07:00:00Z'], '', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Daily trade digest');
    expect(r.stdout).toMatch(/Beijing/);
  });

  it('bad settings are all reported at once with exit code 2, and no secret is printed', async () => {
    const r = await run(['start'], '', {
      ...env,
      FOCUS_COUNTRY: 'ZZ',
      TIME_ZONE: 'Mars/Base',
      DISCORD_API_URL: 'not a url',
      SLACK_BOT_TOKEN: 'xoxb-super-secret-value',
      EDITORS: 'bob',
    });
    expect(r.code).toBe(2);
    for (const name of ['FOCUS_COUNTRY', 'TIME_ZONE', 'DISCORD_API_URL', 'EDITORS'])
      expect(r.stderr).toContain(name);
    expect(r.stderr + r.stdout).not.toContain('super-secret');
  });

  it('bad Slack and Discord settings are named one by one, with exit code 2', async () => {
    const r = await run(['start'], '', {
      ...env,
      SLACK_BOT_TOKEN: 'xoxp-user-token-not-a-bot-token',
      SLACK_APP_TOKEN: 'not-an-app-token',
      DISCORD_APP_ID: 'my-app',
      DISCORD_TOKEN: 'discord-secret-value',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SLACK_BOT_TOKEN: must be the bot token, which starts with xoxb-');
    expect(r.stderr).toContain('SLACK_APP_TOKEN: must be an app-level token, which starts with xapp-');
    expect(r.stderr).toContain('DISCORD_APP_ID: must be the numeric application id');
    expect(r.stderr + r.stdout).not.toMatch(/user-token|discord-secret/);
  });

  it('a second bot on the same store stops at once, naming the file and the process that holds it', async () => {
    const db = join(dir, 'locked.db.json');
    let release = () => {};
    const done = new Promise<void>((r) => {
      release = r;
    });
    const first = run(['start'], '', { DB_FILE: db }, done);
    // Wait until the first bot holds the store (its lock file exists), however slow the machine is.
    for (let i = 0; i < 200 && !existsSync(`${db}.lock`); i++) await new Promise((r) => setTimeout(r, 100));
    const second = await run(['start'], '', { DB_FILE: db });
    release();
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another Trade Brief process \\(pid \\d+`,
      ),
    );
    expect((await first).code).toBe(0);
  });

  it('while the bot runs, the CLI still answers questions from its store, and refuses changes, saying why', async () => {
    const db = join(dir, 'shared.db.json');
    let release = () => {};
    const done = new Promise<void>((r) => {
      release = r;
    });
    const bot = run(['start', '--', '--now', '2026-03-12T09:00:00Z'], '', { DB_FILE: db }, done);
    // The bot holds the lock, creates the store from the seed, then subscribes its terminal: wait for all three.
    const started = async () =>
      existsSync(`${db}.lock`) &&
      existsSync(db) &&
      JSON.parse(await readFile(db, 'utf8')).scheduler?.consoleSubscribed === true;
    for (let i = 0; i < 200 && !(await started()); i++) await new Promise((r) => setTimeout(r, 100));
    try {
      // The running bot itself writes (its scheduler's cursor): compare what the commands would change.
      const content = async () => {
        const { events, subscriptions } = JSON.parse(await readFile(db, 'utf8'));
        return { events, subscriptions };
      };
      const before = await content();
      const read = await run(['run', 'cli', '--', 'countdown paris', '--now', '2026-03-12T09:00:00Z'], '', {
        DB_FILE: db,
      });
      expect(read.code).toBe(0);
      expect(read.stdout).toContain('Paris talks at OECD headquarters (6th round): in 3 days');
      const refused = await run(['run', 'cli', '--', '/trade remove paris-talks-2026'], '', {
        DB_FILE: db,
        CONSOLE_EDITOR: 'true',
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /is in use by the running bot \(pid \d+\), so `remove` was not run and nothing changed/,
      );
      expect(await content()).toEqual(before);
      expect(existsSync(`${db}.lock`)).toBe(true);
    } finally {
      release();
    }
    expect((await bot).code).toBe(0);
  }, 60_000);

  it('a bad --now is refused with exit code 2', async () => {
    const r = await run(['run', 'cli', '--', 'brief', '--now', 'yesterday'], '', env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`--now` must be an ISO instant such as 2026-03-12T09:00:00Z');
    // The problem is the flag, not a setting: the hint names the flags and their format.
    expect(r.stderr).toContain('--now <ISO instant, e.g. 2026-03-12T09:00:00Z>');
    expect(r.stderr).not.toContain('.env.example');
  });

  it('`help` for a command that does not exist is an error with exit code 1, and suggests the near one', async () => {
    const none = await run(['run', 'cli', '--', 'help nonexistent'], '', env);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('There is no command `nonexistent`.');
    const typo = await run(['run', 'cli', '--', 'help deadlnes'], '', env);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('Did you mean `deadlines`?');
  });

  it('with CONSOLE_EDITOR=false the terminal is told how to allow edits there, not to ask a workspace admin', async () => {
    const r = await run(['run', 'cli', '--', 'remove paris-talks-2026'], '', {
      ...env,
      CONSOLE_EDITOR: 'false',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CONSOLE_EDITOR=true');
    expect(r.stderr).not.toContain('workspace admin');
  });
});
