import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { FONT_FAMILY, fontFile } from './font.js';
import { type FontMetrics, readFontMetrics } from './font-metrics.js';
import { INK } from './palette.js';

/** The smallest picture drawn: readable in a chat client at full width. */
export const MIN_SIZE = { width: 800, height: 400 } as const;

export interface ChartImage {
  readonly svg: string;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** An ECharts option drawn on the server: SVG by ECharts' server-side renderer, then PNG by resvg. */
export type ChartOption = Echarts.EChartsOption;

/**
 * ECharts (about 0.6 s to load) and resvg are loaded at the first chart, not at start: a one-shot answer or a bot
 * that never draws one does not pay for them. A plain require, not an import, keeps drawing synchronous.
 */
const load = createRequire(import.meta.url);
let libs: { echarts: typeof Echarts; Resvg: typeof import('@resvg/resvg-js').Resvg } | undefined;
function chartLibs(): NonNullable<typeof libs> {
  libs ??= {
    echarts: load('echarts') as typeof Echarts,
    Resvg: (load('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg,
  };
  return libs;
}

let metrics: FontMetrics | undefined;

/** Lays text out with the shipped font's own widths (once per process). */
function useFontMetrics(): void {
  if (metrics) return;
  const m = readFontMetrics(fontFile());
  metrics = m;
  chartLibs().echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
      return { width: m.width(text ?? '', size) };
    },
  });
}

/** Draws `option` at `width` x `height` with the shipped font only (system fonts are never loaded). */
export function renderChart(option: ChartOption, width: number, height: number): ChartImage {
  const w = Math.max(MIN_SIZE.width, Math.round(width));
  const h = Math.max(MIN_SIZE.height, Math.round(height));
  useFontMetrics();
  const chart = chartLibs().echarts.init(null, null, { renderer: 'svg', ssr: true, width: w, height: h });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY, color: INK },
      ...option,
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return { svg, png: svgToPng(svg), width: w, height: h };
}

/** Rasterizes an SVG with the shipped font and nothing else, on white. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new (chartLibs().Resvg)(svg, {
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [fontFile()],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}
