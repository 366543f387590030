import { z } from 'zod';
import { IsoDate } from '../domain/primitives.js';
import { nodeCrypto } from '../lazy-crypto.js';

export const Agency = z.object({ name: z.string(), slug: z.string().nullable() });
export type Agency = z.infer<typeof Agency>;

/** One document or feed item, normalized and sanitized, as every source kind yields it. */
export const SourceDocument = z.object({
  sourceId: z.string(),
  key: z.string().min(1).max(500),
  title: z.string().min(1).max(500),
  agencies: z.array(Agency),
  type: z.string().nullable(),
  documentNumber: z.string().nullable(),
  publicationDate: IsoDate.nullable(),
  effectiveDate: IsoDate.nullable(),
  commentsCloseOn: IsoDate.nullable(),
  summary: z.string().nullable(),
  link: z.string().nullable(),
  rawDates: z.record(z.string(), z.string().nullable()),
});
export type SourceDocument = z.infer<typeof SourceDocument>;

/** Fields whose change makes an accepted or pending document worth an edit proposal, with their names in words. */
export const RELEVANT_FIELDS = {
  title: 'title',
  type: 'type',
  publicationDate: 'publication date',
  effectiveDate: 'effective date',
  commentsCloseOn: 'comment deadline',
  link: 'link',
} as const satisfies Partial<Record<keyof SourceDocument, string>>;
export type RelevantField = keyof typeof RELEVANT_FIELDS;

/** The identity a document keeps across sources: its Federal Register number, else source and key. */
export const identityOf = (d: SourceDocument): string =>
  d.documentNumber ? `fr:${d.documentNumber}` : `${d.sourceId}:${d.key}`;

/** Relevant fields that differ between two versions of a document. */
export function changedFields(before: SourceDocument, after: SourceDocument): RelevantField[] {
  return (Object.keys(RELEVANT_FIELDS) as RelevantField[]).filter((f) => before[f] !== after[f]);
}

/** A stable digest of everything the watcher reads from a document: equal digests, nothing to re-check. */
export function contentDigest(d: SourceDocument): string {
  const text = JSON.stringify([
    d.title,
    d.agencies,
    d.type,
    d.publicationDate,
    d.effectiveDate,
    d.commentsCloseOn,
    d.summary,
    d.link,
  ]);
  return shortHash(text, 10);
}

/** A short lowercase base-36 digest of `text` (SHA-256): stable across runs, for ids and change checks. */
export function shortHash(text: string, length = 8): string {
  const hex = nodeCrypto().createHash('sha256').update(text).digest('hex');
  return Number.parseInt(hex.slice(0, 13), 16).toString(36).padStart(length, '0').slice(-length);
}
