import { z } from 'zod';
import type { SourceDocument } from './document.js';
import { cleanOrNull, cleanText, httpUrl } from './sanitize.js';
import { SourceError } from './source-error.js';
import type { FederalRegisterSource } from './sources-file.js';

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
/** A YYYY-MM-DD date, or null when missing or not a date (the API sends null for unknown dates). */
const date = z
  .string()
  .nullish()
  .transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null));
const FrAgency = z.object({ name: text, raw_name: text, slug: text }).loose();

/** One entry of documents.json or of the public-inspection desk, in the API's documented shape. */
export const FrDocument = z
  .object({
    document_number: z.string().trim().min(1).max(40),
    title: text,
    type: text,
    subtype: text,
    abstract: text,
    action: text,
    dates: text,
    publication_date: date,
    effective_on: date,
    comments_close_on: date,
    signing_date: date,
    filed_at: text,
    html_url: text,
    pdf_url: text,
    agencies: z.array(FrAgency).nullish(),
    agency_names: z.array(z.string()).nullish(),
    toc_subject: text,
    toc_doc: text,
  })
  .loose();
export type FrDocument = z.infer<typeof FrDocument>;

/** A documents.json page or a public-inspection answer: results plus, for searches, the next page. */
export const FrPage = z
  .object({
    count: z.number().int().min(0).optional(),
    next_page_url: text,
    results: z.array(FrDocument).default([]),
  })
  .loose();
export type FrPage = z.infer<typeof FrPage>;

/** The page in `json`, or a SourceError naming the first field that does not fit the documented shape. */
export function parseFrPage(json: unknown): FrPage {
  const r = FrPage.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const where = i?.path.length ? i.path.join('.') : 'the answer';
  throw new SourceError(
    'invalid',
    `the Federal Register answer does not have the documented shape: ${where}: ${i?.message}`,
  );
}

/** The normalized, sanitized document a Federal Register entry describes. */
export function frToDocument(sourceId: string, d: FrDocument): SourceDocument {
  const number = cleanText(d.document_number, 40);
  const agencies = (d.agencies ?? []).flatMap((a) => {
    const name = cleanOrNull(a.name ?? a.raw_name, 200);
    return name ? [{ name, slug: cleanOrNull(a.slug, 120) }] : [];
  });
  for (const n of d.agency_names ?? []) {
    const name = cleanOrNull(n, 200);
    if (name && !agencies.some((a) => a.name === name)) agencies.push({ name, slug: null });
  }
  const title =
    cleanOrNull(d.title) ?? cleanOrNull([d.toc_subject, d.toc_doc].filter(Boolean).join(': ')) ?? number;
  return {
    sourceId,
    key: number,
    title,
    agencies,
    type: cleanOrNull(d.type, 60),
    documentNumber: number,
    publicationDate: d.publication_date,
    effectiveDate: d.effective_on,
    commentsCloseOn: d.comments_close_on,
    summary: cleanOrNull(d.abstract ?? d.action, 1000),
    link: httpUrl(d.html_url) ?? httpUrl(d.pdf_url),
    rawDates: {
      publication_date: d.publication_date,
      effective_on: d.effective_on,
      comments_close_on: d.comments_close_on,
      signing_date: d.signing_date,
      filed_at: cleanOrNull(d.filed_at, 40),
      dates: cleanOrNull(d.dates, 300),
    },
  };
}

const FIELDS = [
  'document_number',
  'title',
  'type',
  'subtype',
  'abstract',
  'action',
  'dates',
  'publication_date',
  'effective_on',
  'comments_close_on',
  'signing_date',
  'html_url',
  'pdf_url',
  'agencies',
  'agency_names',
];

/** The first URL to ask for `source`, searching from `since` (YYYY-MM-DD) when given. */
export function frFirstUrl(source: FederalRegisterSource, since: string | null): string {
  const base = source.url.replace(/\/+$/, '');
  if (source.endpoint === 'public-inspection') return `${base}/public-inspection-documents/current.json`;
  const q = new URLSearchParams();
  if (source.terms) q.set('conditions[term]', source.terms);
  for (const a of source.agencies) q.append('conditions[agencies][]', a);
  for (const t of source.types) q.append('conditions[type][]', t);
  if (since) q.set('conditions[publication_date][gte]', since);
  for (const f of FIELDS) q.append('fields[]', f);
  q.set('order', 'newest');
  q.set('per_page', String(source.perPage));
  return `${base}/documents.json?${q.toString()}`;
}
