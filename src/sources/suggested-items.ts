import { z } from 'zod';
import { EventKind, EventStatus } from '../domain/event.js';
import { Confidence, CountryCode, IsoDate, Moment, Source } from '../domain/primitives.js';
import type { SourceDocument } from './document.js';
import { cleanText } from './sanitize.js';
import type { SourceConfig } from './sources-file.js';

/** An item accepting the proposal would create: the action, or the comment deadline. */
export const SuggestedItem = z.object({
  role: z.enum(['action', 'comment-deadline']),
  title: z.string().min(1).max(200),
  kind: EventKind,
  date: IsoDate.nullable(),
  dateBasis: z.enum(['effective date', 'publication date', 'comments close', 'calendar event', 'none']),
  countries: z.array(CountryCode),
  summary: z.string().nullable(),
  sources: z.array(Source),
  confidence: Confidence,
  /** An imported calendar event's exact start and end (with their zone), its place and status; `date` is its day. */
  start: Moment.optional(),
  end: Moment.optional(),
  location: z.string().max(200).optional(),
  status: EventStatus.optional(),
});
export type SuggestedItem = z.infer<typeof SuggestedItem>;

/** The event kind a document's words suggest; editors can change it on accept. */
function kindOf(d: SourceDocument): EventKind {
  const t = `${d.title} ${d.type ?? ''}`.toLowerCase();
  if (/\b(tariffs?|duty|duties|exclusions?|section 301|section 232)\b/.test(t)) return 'tariff-action';
  if (/\binvestigations?\b/.test(t)) return 'investigation';
  if (/\bhearings?\b/.test(t)) return 'hearing';
  return 'other';
}

/** The items accepting `d` would make: its action (effective date, else publication date) and its comment deadline. */
export function suggestItems(source: SourceConfig, d: SourceDocument): SuggestedItem[] {
  const countries = source.country ? [source.country] : source.kind === 'federal-register' ? ['US'] : [];
  const label = d.documentNumber ? `Federal Register ${d.documentNumber}` : cleanText(d.title, 200);
  const sources = d.link ? [{ title: label, url: d.link }] : [];
  const base = { countries, summary: d.summary, sources, confidence: 'confirmed' as const };
  const items: SuggestedItem[] = [
    {
      ...base,
      role: 'action',
      title: cleanText(d.title, 200),
      kind: kindOf(d),
      date: d.effectiveDate ?? d.publicationDate,
      dateBasis: d.effectiveDate ? 'effective date' : d.publicationDate ? 'publication date' : 'none',
    },
  ];
  if (d.commentsCloseOn)
    items.push({
      ...base,
      role: 'comment-deadline',
      title: cleanText(`Comments due: ${d.title}`, 200),
      kind: 'comment-deadline',
      date: d.commentsCloseOn,
      dateBasis: 'comments close',
    });
  return items;
}
