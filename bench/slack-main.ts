/**
 * `npx tsx bench/slack-main.ts [--quick]`: the Slack bench alone (bench/slack.ts, both modes), one line per app
 * and mode, then the ratios. Full: 3 s first warm-up, 1 s warm-ups, 3 s timed runs, 5 rounds; quick: 1 s runs, 2 rounds.
 * Exits 1 when a target is missed.
 */
import { benchSlack, type ModeResult, SLACK_P99_RATIO_TARGET, SLACK_RPS_RATIO_TARGET } from './slack.js';

const argv = process.argv.slice(2);
if (argv.some((a) => a !== '--quick')) {
  process.stderr.write(`Unknown option ${argv.join(' ')}. Usage: npx tsx bench/slack-main.ts [--quick]\n`);
  process.exit(2);
}
const quick = argv.includes('--quick');

const result = await benchSlack({
  concurrency: 16,
  firstWarmupMs: quick ? 1_000 : 3_000,
  warmupMs: quick ? 300 : 1_000,
  durationMs: quick ? 1_000 : 3_000,
  maxRequests: 200_000,
  rounds: quick ? 2 : 5,
  progress: (line) => process.stderr.write(`${line}\n`),
});
let failed = false;
const line = (m: ModeResult) => {
  const rpsOk = m.rpsRatio >= SLACK_RPS_RATIO_TARGET;
  const p99Ok = m.p99Ratio <= SLACK_P99_RATIO_TARGET;
  const clean = m.bare.errors === 0 && m.ours.errors === 0;
  failed ||= !(rpsOk && p99Ok && clean);
  const app = (name: string, f: ModeResult['bare']) =>
    `${m.mode} ${name}: ${f.rps.toFixed(0)} req/s, p99 ${f.latency.p99.toFixed(2)} ms, ` +
    `CPU ${f.cpuPerRequestMs.toFixed(3)} ms/req, ${f.errors} errors`;
  return [
    app('bare', m.bare),
    app('ours', m.ours),
    `${m.mode} ours/bare: req/s ${m.rpsRatio.toFixed(2)} (≥ ${SLACK_RPS_RATIO_TARGET} ${rpsOk ? 'PASS' : 'FAIL'}; ` +
      `rounds ${m.pairRatios.map((x) => x.toFixed(2)).join(', ')}; pooled ${m.pooledRpsRatio.toFixed(2)}), ` +
      `p99 ${m.p99Ratio.toFixed(2)} (≤ ${SLACK_P99_RATIO_TARGET} ${p99Ok ? 'PASS' : 'FAIL'}), ` +
      `CPU ${(m.ours.cpuPerRequestMs / m.bare.cpuPerRequestMs).toFixed(2)}`,
  ].join('\n');
};
process.stdout.write(`${line(result.http)}\n${line(result.socket)}\n`);
if (failed) process.exitCode = 1;
