/**
 * `npx tsx bench/fan-out-main.ts [--quick]`: the fan-out bench alone (bench/fan-out.ts), 1,000 channels per
 * platform (quick: 200), printed as a table. Exits 1 when a target is missed.
 */
import { benchFanOut, fanOutTable } from './fan-out.js';

const argv = process.argv.slice(2);
if (argv.some((a) => a !== '--quick')) {
  process.stderr.write(`Unknown option ${argv.join(' ')}. Usage: npx tsx bench/fan-out-main.ts [--quick]\n`);
  process.exit(2);
}
const rows = await benchFanOut({
  channels: argv.includes('--quick') ? 200 : 1_000,
  progress: (line) => process.stderr.write(`${line}\n`),
});
const checks: { what: string; ok: boolean }[] = [];
process.stdout.write(`${fanOutTable(rows, checks)}\n`);
if (checks.some((c) => !c.ok)) process.exitCode = 1;
