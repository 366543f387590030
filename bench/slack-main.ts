/**
 * `npx tsx bench/slack-main.ts [--quick] [miss|mix|hit ...]`: the Slack bench alone (bench/slack.ts, both modes)
 * on the paths named (default all), printed as tables. Full: 3 s first warm-up, 1 s warm-ups, 3 s timed runs,
 * 5 rounds; quick: 1 s runs, 2 rounds. Exits 1 when a target is missed.
 */
import { fromSlack, platformTables } from './platform-table.js';
import { benchSlack } from './slack.js';
import { type BenchPath, PATHS } from './workload.js';

const argv = process.argv.slice(2);
const paths = argv.filter((a): a is BenchPath => (PATHS as readonly string[]).includes(a));
if (argv.some((a) => a !== '--quick' && !paths.includes(a as BenchPath))) {
  process.stderr.write(
    `Unknown option ${argv.join(' ')}. Usage: npx tsx bench/slack-main.ts [--quick] [miss|mix|hit ...]\n`,
  );
  process.exit(2);
}
const quick = argv.includes('--quick');

const results = await benchSlack({
  concurrency: 16,
  firstWarmupMs: quick ? 1_000 : 3_000,
  warmupMs: quick ? 300 : 1_000,
  durationMs: quick ? 1_000 : 3_000,
  maxRequests: 200_000,
  rounds: quick ? 2 : 5,
  paths: paths.length ? paths : PATHS,
  progress: (line) => process.stderr.write(`${line}\n`),
});
const checks: { what: string; ok: boolean }[] = [];
process.stdout.write(
  `${platformTables(
    results.flatMap((r) => [fromSlack(r.http), fromSlack(r.socket)]),
    checks,
  )}\n`,
);
if (checks.some((c) => !c.ok)) process.exitCode = 1;
