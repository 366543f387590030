import { escapeControls } from '../domain/control-chars.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Stored text made safe to draw: control, bidi and invisible characters shown as visible escapes (XML forbids
 * most of them), lone surrogates replaced, and cut to `max` characters. ECharts escapes <, >, & and quotes in
 * the SVG it writes; labels are always given through formatter functions, so `{b}` in a title stays text.
 */
export function chartText(text: string, max = 60): string {
  const clean = escapeControls(text).replace(LONE_SURROGATE, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A UTC date as the charts print it: 14 May 2025. */
export function chartDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A rate as the charts write it: 145%, 12.5%. */
export const pct = (v: number): string => `${Number.isInteger(v) ? v : v.toFixed(1)}%`;
