import type { z } from 'zod';
import { AUTHORITIES, MEASURE_STATUSES, type Rate, TariffMeasure } from '../domain/measure.js';
import { isCountryCode } from '../domain/primitives.js';
import { issueText, sourceFields } from './event-input.js';
import { choice, custom, dateTime, text } from './options.js';

/** A rate: `25%` (or `25`) as an ad valorem percent from 0 to 1000, or a description such as `per-ton fee`. */
export const rateOption = (description: string) =>
  custom<Rate>({ description, example: '25%' }, (name, usage) => (raw) => {
    const t = raw.trim();
    if (/^[+-]?[\d.,]+\s*%?$/.test(t)) {
      const n = Number(t.replace(/\s*%$/, ''));
      if (Number.isFinite(n) && n >= 0 && n <= 1000) return { ok: true, value: { percent: n } };
      return {
        ok: false,
        error: `\`${name}\` must be a percent from 0% to 1000% or a short description, e.g. \`${usage}\``,
      };
    }
    if (t.length === 0 || t.length > 200)
      return { ok: false, error: `\`${name}\` must be a percent or a description of 1 to 200 characters` };
    return { ok: true, value: { text: t } };
  });

/** Whose goods a measure hits: `all`, or country codes (CN,HK). */
export const targetsOption = (description: string) =>
  custom<'all' | string[]>({ description, example: 'CN,HK' }, (name, usage) => (raw) => {
    if (raw.trim().toLowerCase() === 'all') return { ok: true, value: 'all' };
    const codes = raw
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    const bad = codes.filter((c) => !isCountryCode(c));
    if (codes.length && !bad.length) return { ok: true, value: codes };
    return {
      ok: false,
      error: `\`${name}\` must be \`all\` or ISO country codes such as CN,HK${bad.length ? ` (not ${bad.join(', ')})` : ''}, e.g. \`${usage}\``,
    };
  });

/** HTS headings, comma-separated: 8703, 8541.40, 7208.10.15. */
export const htsOption = (description: string) =>
  custom<string[]>({ description, example: '8703,8708' }, (name, usage) => (raw) => {
    const codes = raw
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.trim());
    const bad = codes.filter((c) => !/^\d{4}(\.\d{2}){0,3}$/.test(c));
    if (codes.length && codes.length <= 200 && !bad.length) return { ok: true, value: codes };
    return {
      ok: false,
      error: `\`${name}\` must be HTS headings such as 8703, 8541.40 or 7208.10.15${bad.length ? ` (not ${bad.slice(0, 3).join(', ')})` : ''}, e.g. \`${usage}\``,
    };
  });

/** The options that only a measure has; `add-measure` and `edit` share them. */
export const measureOnlyFields = {
  authority: choice({ description: 'Legal authority', choices: AUTHORITIES }),
  rate: rateOption('Rate: 25% or a description (per-ton fee)'),
  imposing: custom<string>(
    { description: 'The country imposing it (US)', example: 'US' },
    (name, usage) => (raw) => {
      const c = raw.trim().toUpperCase();
      return isCountryCode(c)
        ? { ok: true, value: c }
        : {
            ok: false,
            error: `\`${name}\` must be one ISO country code such as US, CN or EU, e.g. \`${usage}\``,
          };
    },
  ),
  targets: targetsOption('Whose goods it hits: all, or CN,HK'),
  from: dateTime({ description: 'In force from (2025-04-10 00:01 America/New_York)' }),
  until: dateTime({ description: 'In force until (exclusive), if it ends' }),
  coverage: choice({
    description: 'all-goods (adds to the headline rate) or some-goods',
    choices: ['all-goods', 'some-goods'] as const,
  }),
  scope: text({ description: 'What goods it covers', max: 1000 }),
  hts: htsOption('HTS headings, comma-separated (8703,8708)'),
} as const;

/** Every option of `add-measure`: the measure's own, and those it shares with events. */
export const measureFields = {
  title: text({ description: 'The title', max: 200 }),
  ...measureOnlyFields,
  status: choice({ description: 'Status', choices: MEASURE_STATUSES }),
  summary: text({ description: 'What it is about', max: 2000, multiline: true }),
  ...sourceFields,
} as const;

const OPTION_OF: Record<string, string> = { sources: 'source' };

/** Validates a candidate measure with the stored schema; a failure names the option to fix. */
export function checkMeasure(
  candidate: unknown,
): { ok: true; measure: TariffMeasure } | { ok: false; error: string } {
  const r = TariffMeasure.safeParse(candidate);
  if (r.success) {
    const m = r.data;
    const ms = (x: NonNullable<typeof m.from>) => Date.parse('at' in x ? x.at : x.date);
    if (m.from && m.until && ms(m.until) <= ms(m.from))
      return { ok: false, error: '`until` is not after `from`: give an end after the start' };
    if (m.targets !== 'all' && m.targets.includes(m.imposing))
      return {
        ok: false,
        error: '`targets` includes the `imposing` country: a country does not tax its own goods',
      };
    return { ok: true, measure: m };
  }
  const issue = r.error.issues[0] as z.core.$ZodIssue;
  const top = String(issue.path[0] ?? '');
  const name = OPTION_OF[top] ?? top;
  return { ok: false, error: issueText(name, issue) };
}
