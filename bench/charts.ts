/**
 * Chart rendering (issue 12): `chart tariffs CN` and `chart timeline` dispatched on the real seed, each warm sample
 * a whole answer (the data, ECharts' server-side SVG, resvg's PNG, the reply text), and its two drawing stages
 * timed apart; against a same-run baseline, resvg rasterizing a fixed SVG of the tariff chart's size (a white
 * page and one line of text in the shipped font). `npx tsx bench/charts.ts` runs it alone.
 */

import { keyEvents } from '../src/charts/key-events.js';
import { renderChart, svgToPng } from '../src/charts/render.js';
import { TARIFF_CHART_SIZE, tariffChartOption } from '../src/charts/tariff-chart.js';
import { defaultTariffWindow } from '../src/charts/tariff-reply.js';
import { tariffSteps } from '../src/charts/tariff-steps.js';
import { table } from './platform-table.js';
import { BENCH_NOW, expectOk, type LatencyStats, MINUTE, msSince, openBenchBot, stats } from './support.js';
import { loadRealSeed } from './synthetic.js';

export const CHART_TARGET_MS = 300;

/** What the chart figures measure, for BENCHMARKS.md. */
export const CHART_EXPLANATION = `Each sample is one awaited \`bot.dispatch\` on the real seed (clock 2026-03-12T09:00:00Z, moved 3 minutes a
sample): the data behind the chart, ECharts 6 drawing it as SVG on the server, resvg rasterizing it to a PNG with the
shipped DejaVu Sans, and the reply text; the lines marked … time the two drawing stages of the tariff chart alone.
Warm means: after 10 untimed samples of each (3 in a smoke run), with the ECharts module loaded, the font's width table read once per
process (for ECharts' layout), the timeline index built. Nothing is cached between samples: no reply cache
(\`bot.dispatch\` has none), no picture cache, and resvg loads the font file on every render (resvg-js keeps no font
database between renders). Baseline: resvg rasterizing a fixed 1000x500 SVG (a white page, one line of text) with the
same font options, in the same run, interleaved in 5 rounds with the charts; it carries the per-render font load and
PNG encoding every chart pays. CPU is process CPU time (all threads); wall time also counts waiting for a core, so on
a busy machine the wall p99 is far above the CPU figures. Target: whole answer p99 < 300 ms warm.`;

export interface ChartBenchResult {
  /** The very first `chart tariffs CN` of the process: ECharts' first chart, the font's metrics read, JIT cold (ms). */
  readonly coldMs: number;
  readonly rows: readonly { what: string; stats: LatencyStats; cpu: LatencyStats }[];
  readonly baseline: LatencyStats;
  readonly baselineCpu: LatencyStats;
  readonly pngBytes: number;
}

const BASELINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${TARIFF_CHART_SIZE.width}" height="${TARIFF_CHART_SIZE.height}"><rect width="100%" height="100%" fill="#fff"/><text x="16" y="30" font-family="DejaVu Sans" font-size="18">US tariff on all goods from China</text></svg>`;

async function sample(n: number, fn: () => unknown): Promise<LatencyStats> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(msSince(t0));
  }
  return stats(out);
}

export async function benchCharts(o: { iterations: number; warmup: number }): Promise<ChartBenchResult> {
  const seed = await loadRealSeed();
  const b = await openBenchBot(seed.data);
  try {
    const t0 = process.hrtime.bigint();
    const first = await b.ask('chart tariffs CN');
    const coldMs = msSince(t0);
    expectOk('chart tariffs CN', first);
    const pngBytes = first.files?.[0]?.bytes.length ?? 0;
    const tl = b.bot.timeline();
    const w = defaultTariffWindow(tl, 'CN', BENCH_NOW);
    const steps = tariffSteps(tl.measures, 'CN', w.fromMs, w.toMs);
    const option = tariffChartOption(steps, keyEvents(tl, steps, BENCH_NOW), BENCH_NOW);
    const { svg } = renderChart(option, TARIFF_CHART_SIZE.width, TARIFF_CHART_SIZE.height);
    const tick = () => b.clock.advance(3 * MINUTE);
    const cases: [string, () => unknown][] = [
      [
        '`chart tariffs CN` (whole answer)',
        async () => expectOk('chart', await b.ask('chart tariffs CN').finally(tick)),
      ],
      [
        '`chart timeline` (whole answer, 90 days)',
        async () => expectOk('chart', await b.ask('chart timeline').finally(tick)),
      ],
      [
        '… ECharts SVG + resvg PNG of the tariff chart',
        () => renderChart(option, TARIFF_CHART_SIZE.width, TARIFF_CHART_SIZE.height),
      ],
      ['… resvg PNG of that SVG alone', () => svgToPng(svg)],
    ];
    const baselineCase = () => svgToPng(BASELINE_SVG);
    for (const [, fn] of cases) await sample(o.warmup, fn);
    await sample(o.warmup, baselineCase);
    // Interleaved in rounds, so the baseline sees the same machine as the charts.
    const per: number[][] = cases.map(() => []);
    const perCpu: number[][] = cases.map(() => []);
    const base: number[] = [];
    const baseCpu: number[] = [];
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    const rounds = 5;
    const each = Math.max(1, Math.ceil(o.iterations / rounds));
    for (let r = 0; r < rounds; r++) {
      for (const [i, [, fn]] of cases.entries())
        for (let k = 0; k < each; k++) {
          const s = process.hrtime.bigint();
          const c = process.cpuUsage();
          await fn();
          per[i]?.push(msSince(s));
          perCpu[i]?.push(cpuMs(process.cpuUsage(c)));
        }
      for (let k = 0; k < each; k++) {
        const s = process.hrtime.bigint();
        const c = process.cpuUsage();
        baselineCase();
        base.push(msSince(s));
        baseCpu.push(cpuMs(process.cpuUsage(c)));
      }
    }
    return {
      coldMs,
      rows: cases.map(([what], i) => ({ what, stats: stats(per[i] ?? []), cpu: stats(perCpu[i] ?? []) })),
      baseline: stats(base),
      baselineCpu: stats(baseCpu),
      pngBytes,
    };
  } finally {
    await b.close();
  }
}

const ms = (x: number) => x.toFixed(1);

/** The chart table, with a PASS/FAIL per whole answer against the warm target. */
export function chartTable(r: ChartBenchResult, checks: { what: string; ok: boolean }[]): string {
  const rows = r.rows.map(({ what, stats: s, cpu }) => {
    const whole = what.includes('whole answer');
    const ok = s.p99 < CHART_TARGET_MS;
    if (whole) checks.push({ what: `${what} p99 warm < ${CHART_TARGET_MS} ms`, ok });
    return [
      what,
      ms(s.p50),
      ms(s.p99),
      ms(cpu.p50),
      `${(s.p50 / r.baseline.p50).toFixed(1)} ×`,
      `${(cpu.p50 / r.baselineCpu.p50).toFixed(1)} ×`,
      whole ? `< ${CHART_TARGET_MS}` : '—',
      whole ? (ok ? 'PASS' : 'FAIL') : '—',
    ];
  });
  return table(
    [
      'figure',
      'p50 ms',
      'p99 ms',
      'CPU p50 ms',
      'p50 × baseline',
      'CPU p50 × baseline',
      'target (p99, warm)',
      'result',
    ],
    [
      ...rows,
      [
        'baseline: resvg PNG of a fixed 1000x500 SVG, same font',
        ms(r.baseline.p50),
        ms(r.baseline.p99),
        ms(r.baselineCpu.p50),
        '1.0 ×',
        '1.0 ×',
        '—',
        '—',
      ],
      ['first `chart tariffs CN` of the process (cold)', ms(r.coldMs), '—', '—', '—', '—', '—', '—'],
      ['PNG size of the tariff chart', `${(r.pngBytes / 1024).toFixed(0)} KiB`, '—', '—', '—', '—', '—', '—'],
    ],
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const r = await benchCharts({ iterations: quick ? 10 : 50, warmup: quick ? 3 : 10 });
  const checks: { what: string; ok: boolean }[] = [];
  process.stdout.write(
    `${chartTable(r, checks)}\n\n${checks.map((c) => `- ${c.ok ? 'PASS' : 'FAIL'}: ${c.what}`).join('\n')}\n`,
  );
}
