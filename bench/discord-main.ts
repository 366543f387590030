/**
 * `npx tsx bench/discord-main.ts [--quick]`: the Discord bench alone (bench/discord.ts), printed as a table.
 * Full: 16 interactions in flight, 1 s warm-up and a 3 s window per turn, 5 turns each; quick: 2 s windows, 2 turns.
 * Exits 1 on FAIL.
 */
import { benchDiscord, DISCORD_HEADER, describe, discordPassed } from './discord.js';

const argv = process.argv.slice(2);
if (argv.some((a) => a !== '--quick')) {
  process.stderr.write(`Unknown option ${argv.join(' ')}. Usage: npx tsx bench/discord-main.ts [--quick]\n`);
  process.exit(2);
}
const quick = argv.includes('--quick');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const result = await benchDiscord({
  seconds: quick ? 2 : 3,
  rounds: quick ? 2 : 5,
  concurrency: 16,
  progress: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${table(DISCORD_HEADER, describe(result))}\n`);
for (const e of result.firstErrors) process.stdout.write(`error: ${e}\n`);
for (const p of result.problems.slice(0, 5))
  process.stdout.write(`refused: ${p.route} ${p.status} ${p.problems.join('; ')}\n`);
if (!discordPassed(result)) process.exitCode = 1;
