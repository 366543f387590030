import { z } from 'zod';
import { Confidence, CountryCode, Moment, Slug, Source } from './primitives.js';

export const AUTHORITIES = [
  'ieepa',
  'section-301',
  'section-232',
  'section-122',
  'section-201',
  'export-control',
  'other',
] as const;
export const Authority = z.enum(AUTHORITIES);
export type Authority = z.infer<typeof Authority>;

export const AUTHORITY_LABELS: Record<Authority, string> = {
  ieepa: 'IEEPA',
  'section-301': 'Section 301',
  'section-232': 'Section 232',
  'section-122': 'Section 122',
  'section-201': 'Section 201',
  'export-control': 'Export control',
  other: 'Other',
};

export const MEASURE_STATUSES = [
  'announced',
  'in-force',
  'suspended',
  'expired',
  'struck-down',
  'terminated',
] as const;
export const MeasureStatus = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof MeasureStatus>;

/** A Harmonized Tariff Schedule heading: 4 digits, optionally .2, .2.2 or .2.2.2 more. */
export const HtsCode = z
  .string()
  .regex(/^\d{4}(\.\d{2}){0,3}$/, 'must be HTS headings such as 8703, 8541.40 or 7208.10.15');

/** Ad valorem percent, or text where the duty is not a simple percentage (fees, licensing). */
export const Rate = z.union([
  z.strictObject({ percent: z.number().min(0).max(1000) }),
  z.strictObject({ text: z.string().min(1).max(200) }),
]);
export type Rate = z.infer<typeof Rate>;

/**
 * A tariff or trade measure. `coverage: 'all-goods'` rates add up into a country's headline stack;
 * 'some-goods' measures hit named products and are listed beside it.
 * It is in force from `from` until `until` (exclusive); a measure that never took effect has no `from`.
 */
export const TariffMeasure = z.strictObject({
  id: Slug,
  title: z.string().min(3).max(200),
  imposing: CountryCode,
  targets: z.union([z.literal('all'), z.array(CountryCode).min(1)]),
  authority: Authority,
  rate: Rate,
  coverage: z.enum(['all-goods', 'some-goods']),
  scope: z.string().max(1000),
  /** HTS headings the measure covers, where known (8703, 8541.40, 7208.10.15). */
  hts: z.array(HtsCode).max(200).optional(),
  from: Moment.optional(),
  until: Moment.optional(),
  status: MeasureStatus,
  summary: z.string().max(2000).optional(),
  sources: z.array(Source).min(1),
  confidence: Confidence,
});
export type TariffMeasure = z.infer<typeof TariffMeasure>;
