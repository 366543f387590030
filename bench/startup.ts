/**
 * Start-up (issue 11): the one-shot CLI and the terminal bot's first answer, each as a ratio to a bare
 * `node -e 0` timed in the same rounds. `npx tsx bench/startup.ts` runs this part alone.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const NOW = '2026-03-12T09:00:00Z';
/** The issue's target: a one-shot answer within 5x a bare node start. */
export const STARTUP_RATIO_TARGET = 5;

interface Case {
  readonly name: string;
  readonly argv: readonly string[];
  /** Piped to stdin; the run ends (for timing) when stdout first contains `until`, else at exit. */
  readonly input?: string;
  readonly until?: string;
}

export const STARTUP_CASES: readonly Case[] = [
  { name: 'node -e 0 (baseline)', argv: [process.execPath, '-e', '0'] },
  { name: 'node dist/src/cli.js brief', argv: [process.execPath, 'dist/src/cli.js', 'brief', '--now', NOW] },
  {
    name: 'node dist/cli.mjs brief (the bundle npm run cli runs)',
    argv: [process.execPath, 'dist/cli.mjs', 'brief', '--now', NOW],
  },
  {
    name: 'before: node --import tsx src/cli.ts brief',
    argv: [process.execPath, '--import', 'tsx', 'src/cli.ts', 'brief', '--now', NOW],
  },
  {
    // npm's own share: the same `npm run`, its script run by /bin/true instead of a shell (so nothing of ours).
    name: 'npm run --silent cli, script shell /bin/true (npm alone)',
    argv: ['npm', 'run', '--silent', '--script-shell=/bin/true', 'cli', '--', 'brief', '--now', NOW],
  },
  {
    name: 'npm run --silent cli -- brief',
    argv: ['npm', 'run', '--silent', 'cli', '--', 'brief', '--now', NOW],
  },
  {
    name: 'node dist/src/main.js: first answer',
    argv: [process.execPath, 'dist/src/main.js', '--now', NOW],
    input: 'brief\n',
    until: 'Trade brief',
  },
  {
    name: 'before: node --import tsx src/main.ts: first answer',
    argv: [process.execPath, '--import', 'tsx', 'src/main.ts', '--now', NOW],
    input: 'brief\n',
    until: 'Trade brief',
  },
  {
    name: 'npm start --silent: first answer',
    argv: ['npm', 'start', '--silent', '--', '--now', NOW],
    input: 'brief\n',
    until: 'Trade brief',
  },
];

/** Milliseconds from spawn to exit (or to the first `until` on stdout); throws if the run fails. */
function timeOnce(c: Case, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const [cmd, ...args] = c.argv as [string, ...string[]];
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    let at: number | undefined;
    child.stdout.on('data', (d) => {
      out += d;
      if (c.until && at === undefined && out.includes(c.until)) {
        at = Number(process.hrtime.bigint() - t0) / 1e6;
        child.stdin.end();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = c.until ? at : Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0 || ms === undefined) reject(new Error(`${c.name} failed (exit ${code})`));
      else resolve(ms);
    });
    if (c.input === undefined) child.stdin.end();
    else child.stdin.write(c.input);
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export interface StartupRow {
  readonly name: string;
  readonly medianMs: number;
  readonly ratio: number;
}

/** Runs every case once per round, in an order that rotates each round; medians and ratios to the baseline. */
export async function benchStartup(o: { rounds: number }): Promise<StartupRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'trade-brief-bench-startup-'));
  const env = {
    ...process.env,
    DB_FILE: join(dir, 'store.db.json'),
    TIME_ZONE: 'UTC',
    SLACK_BOT_TOKEN: '',
    DISCORD_TOKEN: '',
    LOG_LEVEL: 'warn',
  };
  try {
    const times = STARTUP_CASES.map(() => [] as number[]);
    await timeOnce(STARTUP_CASES.find((c) => c.name.startsWith('node dist/src/main')) as Case, env); // makes the store
    for (let round = 0; round < o.rounds; round++)
      for (let k = 0; k < STARTUP_CASES.length; k++) {
        const i = (k + round) % STARTUP_CASES.length;
        times[i]?.push(await timeOnce(STARTUP_CASES[i] as Case, env));
      }
    const base = median(times[0] ?? []);
    return STARTUP_CASES.map((c, i) => {
      const m = median(times[i] ?? []);
      return { name: c.name, medianMs: m, ratio: m / base };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The markdown table, with the target checked on the npm one-shot and on the compiled CLI itself. */
export function startupTable(rows: readonly StartupRow[], rounds: number): { md: string; failed: string[] } {
  const failed: string[] = [];
  const lines = rows.map((r) => {
    const judged = r.name.includes('cli') && !r.name.startsWith('before') && !r.name.includes('npm alone');
    const ok = r.ratio <= STARTUP_RATIO_TARGET;
    if (judged && !ok) failed.push(`start-up: ${r.name} is ${r.ratio.toFixed(1)}x node -e 0`);
    const verdict = judged ? (ok ? 'PASS' : 'FAIL') : '—';
    return `| ${r.name} | ${r.medianMs.toFixed(0)} ms | ${r.ratio.toFixed(2)}x | ${judged ? `≤ ${STARTUP_RATIO_TARGET}x` : '—'} | ${verdict} |`;
  });
  const md = `Median wall time of ${rounds} rounds, each running every case once in an order rotated per round, on a
store in a temp folder (created by an untimed first start); the one-shot cases time spawn to exit, the terminal
cases spawn to the first \`brief\` answer on stdout (piped input, so no prompt is drawn). Ratios are to
\`node -e 0\` in the same rounds.

| case | median | × node -e 0 | target | |
| --- | --- | --- | --- | --- |
${lines.join('\n')}`;
  return { md, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.argv[2] ?? 11);
  const rows = await benchStartup({ rounds });
  const { md, failed } = startupTable(rows, rounds);
  process.stdout.write(`${md}\n${failed.length ? failed.map((f) => `FAIL: ${f}`).join('\n') : 'All PASS'}\n`);
}
