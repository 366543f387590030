/** The Slack and Discord results in one shape, as the tables of BENCHMARKS.md and the bench's checks. */
import type { DiscordBenchResult, DiscordFigures } from './discord.js';
import type { AppFigures, ModeResult } from './slack.js';
import { type BenchPath, pathChecks } from './workload.js';

/** One app's figures over all its turns. */
interface AppLine {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly cpuMs: number;
  readonly ok: number;
  readonly errors: number;
  readonly turns: readonly number[];
}

/** One platform (and mode) on one path: both apps and the ratios. */
export interface PlatformRun {
  readonly platform: string;
  readonly path: BenchPath;
  readonly bare: AppLine;
  readonly ours: AppLine;
  readonly rpsRatio: number;
  readonly pairRatios: readonly number[];
  readonly pooledRatio: number;
  readonly p99Ratio: number;
  readonly cpuRatio: number;
  /** Requests the emulator refused as the platform would (Discord). */
  readonly refused: number;
}

const slackApp = (f: AppFigures): AppLine => ({
  rps: f.rps,
  p50: f.latency.p50,
  p99: f.latency.p99,
  max: f.latency.max,
  cpuMs: f.cpuPerRequestMs,
  ok: f.ok,
  errors: f.errors,
  turns: f.runRps,
});

export const fromSlack = (m: ModeResult): PlatformRun => ({
  platform: m.mode === 'http' ? 'Slack HTTP' : 'Slack Socket Mode',
  path: m.path,
  bare: slackApp(m.bare),
  ours: slackApp(m.ours),
  rpsRatio: m.rpsRatio,
  pairRatios: m.pairRatios,
  pooledRatio: m.pooledRpsRatio,
  p99Ratio: m.p99Ratio,
  cpuRatio: m.cpuRatio,
  refused: 0,
});

const discordApp = (f: DiscordFigures): AppLine => ({
  rps: f.perSecond,
  p50: f.p50Ms,
  p99: f.p99Ms,
  max: f.maxMs,
  cpuMs: f.cpuMsPerRequest,
  ok: f.requests,
  errors: f.errors,
  turns: f.turns,
});

export const fromDiscord = (r: DiscordBenchResult): PlatformRun => ({
  platform: 'Discord',
  path: r.path,
  bare: discordApp(r.bare),
  ours: discordApp(r.ours),
  rpsRatio: r.ratio,
  pairRatios: r.pairRatios,
  pooledRatio: r.pooledRatio,
  p99Ratio: r.p99Ratio,
  cpuRatio: r.cpuRatio,
  refused: r.problems.length,
});

/** Every target of a run: the path's ratios, no errors, nothing refused. */
export function runChecks(r: PlatformRun): { what: string; ok: boolean; value: string; target: string }[] {
  const errors = r.bare.errors + r.ours.errors + r.refused;
  return [
    ...pathChecks(r.path, r).map((c) => ({ ...c, value: c.value.toFixed(2) })),
    { what: 'errors and refused requests (both apps)', value: String(errors), target: '0', ok: errors === 0 },
  ];
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const ms = (x: number) => x.toFixed(2);
const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** The apps' figures, then the ratios against the targets; `checks` receives each target's outcome. */
export function platformTables(
  runs: readonly PlatformRun[],
  checks?: { what: string; ok: boolean }[],
): string {
  const app = (r: PlatformRun, who: 'bare' | 'ours') => {
    const f = r[who];
    return [
      r.platform,
      r.path,
      who,
      n(f.rps),
      ms(f.p50),
      ms(f.p99),
      ms(f.max),
      f.cpuMs.toFixed(3),
      n(f.ok),
      String(f.errors),
      f.turns.map(n).join(', '),
    ];
  };
  const figures = table(
    [
      'platform',
      'path',
      'app',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'CPU ms/req',
      'replies',
      'errors',
      'req/s per turn',
    ],
    runs.flatMap((r) => [app(r, 'bare'), app(r, 'ours')]),
  );
  const ratioRows = runs.flatMap((r) =>
    [
      ...runChecks(r).map((c) => {
        checks?.push({ what: `${r.platform}, ${r.path} path: ${c.what} ${c.target}`, ok: c.ok });
        const what =
          c.what === 'req/s, ours ÷ bare'
            ? `req/s, ours ÷ bare: median of the rounds (${r.pairRatios.map(ms).join(', ')})`
            : c.what;
        return [r.platform, r.path, what, c.value, c.target, c.ok ? 'PASS' : 'FAIL'];
      }),
      [r.platform, r.path, 'req/s, ours ÷ bare, all turns pooled', ms(r.pooledRatio), '—', '—'],
      ...(r.path === 'miss'
        ? []
        : [[r.platform, r.path, 'CPU per request, ours ÷ bare', ms(r.cpuRatio), '—', '—']]),
    ].sort((a, b) => (a[4] === '—' ? 1 : 0) - (b[4] === '—' ? 1 : 0)),
  );
  return `${figures}\n\n${table(['platform', 'path', 'ratio', 'value', 'target', 'result'], ratioRows)}`;
}
