/**
 * `npx tsx bench/discord-main.ts [--quick] [miss|mix|hit ...]`: the Discord bench alone (bench/discord.ts) on the
 * paths named (default all), printed as tables. Full: 16 interactions in flight, a 3 s warm-up (each turn is a fresh
 * process, warmed as npm run bench warms a Slack app before its first run) and a 3 s window per turn, 5 turns each;
 * quick: a 1 s warm-up, 2 s windows, 2 turns. Exits 1 when a target is missed.
 */
import { benchDiscord } from './discord.js';
import { fromDiscord, platformTables } from './platform-table.js';
import { type BenchPath, PATHS } from './workload.js';

const argv = process.argv.slice(2);
const paths = argv.filter((a): a is BenchPath => (PATHS as readonly string[]).includes(a));
if (argv.some((a) => a !== '--quick' && !paths.includes(a as BenchPath))) {
  process.stderr.write(
    `Unknown option ${argv.join(' ')}. Usage: npx tsx bench/discord-main.ts [--quick] [miss|mix|hit ...]\n`,
  );
  process.exit(2);
}
const quick = argv.includes('--quick');

const results = [];
for (const path of paths.length ? paths : PATHS) {
  const result = await benchDiscord({
    path,
    seconds: quick ? 2 : 3,
    warmupSeconds: quick ? 1 : 3,
    rounds: quick ? 2 : 5,
    concurrency: 16,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  for (const e of result.firstErrors) process.stdout.write(`error: ${e}\n`);
  for (const p of result.problems.slice(0, 5))
    process.stdout.write(`refused: ${p.route} ${p.status} ${p.problems.join('; ')}\n`);
  results.push(fromDiscord(result));
}
const checks: { what: string; ok: boolean }[] = [];
process.stdout.write(`${platformTables(results, checks)}\n`);
if (checks.some((c) => !c.ok)) process.exitCode = 1;
