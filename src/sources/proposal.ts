import { z } from 'zod';
import { EventKind } from '../domain/event.js';
import { Confidence, CountryCode, Instant, IsoDate, Source } from '../domain/primitives.js';
import { changedFields, identityOf, RELEVANT_FIELDS, SourceDocument, shortHash } from './document.js';
import { cleanText } from './sanitize.js';
import type { SourceConfig } from './sources-file.js';

/** An item accepting the proposal would create: the action, or the comment deadline. */
export const SuggestedItem = z.object({
  role: z.enum(['action', 'comment-deadline']),
  title: z.string().min(1).max(200),
  kind: EventKind,
  date: IsoDate.nullable(),
  dateBasis: z.enum(['effective date', 'publication date', 'comments close', 'none']),
  countries: z.array(CountryCode),
  summary: z.string().nullable(),
  sources: z.array(Source),
  confidence: Confidence,
});
export type SuggestedItem = z.infer<typeof SuggestedItem>;

export const Change = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type Change = z.infer<typeof Change>;

export const ProposalStatus = z.enum(['pending', 'accepted', 'rejected']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/** What a source suggests adding (kind new) or changing (kind edit) on the timeline, awaiting an editor. */
export const Proposal = z.object({
  id: z.string().regex(/^p[a-z0-9]{4,12}$/),
  kind: z.enum(['new', 'edit']),
  sourceId: z.string(),
  documentKey: z.string(),
  matchedRule: z.string(),
  document: SourceDocument,
  items: z.array(SuggestedItem),
  changes: z.array(Change),
  editOf: z.string().nullable(),
  status: ProposalStatus,
  createdAt: Instant,
  decidedAt: Instant.optional(),
  reason: z.string().max(500).optional(),
  /** Ids of the timeline items an accepted proposal made, so a later edit proposal knows what it changes. */
  itemIds: z.array(z.string()).optional(),
});
export type Proposal = z.infer<typeof Proposal>;

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

/** A short id for `seed` that no other proposal has: "p" and six base-36 characters, longer on a clash. */
function freshId(seed: string, taken: (id: string) => boolean): string {
  for (let n = 0; ; n++) {
    const id = `p${shortHash(n === 0 ? seed : `${seed}|${n}`, Math.min(6 + n, 12))}`;
    if (!taken(id)) return id;
  }
}

/** The changes of an edit proposal in words: "effective date 2027-01-01 → 2027-02-01". */
export const describeChanges = (changes: readonly Change[]): string =>
  changes.map((c) => `${c.label} ${c.before ?? 'none'} → ${c.after ?? 'none'}`).join('; ');

/**
 * What `doc` calls for given the proposals so far: a new proposal when it is relevant and never proposed, an edit
 * when its relevant fields changed since its latest proposal, else nothing. A document whose first proposal was
 * rejected is never proposed again.
 */
export function propose(
  source: SourceConfig,
  doc: SourceDocument,
  matchedRule: string | null,
  proposals: readonly Proposal[],
  nowIso: string,
): Proposal | null {
  const identity = identityOf(doc);
  const mine = proposals.filter((p) => p.documentKey === identity);
  const taken = (id: string) => proposals.some((p) => p.id === id);
  const base = {
    sourceId: source.id,
    documentKey: identity,
    document: doc,
    items: suggestItems(source, doc),
  };
  const open = { status: 'pending' as const, createdAt: nowIso };
  const first = mine[0];
  const latest = mine.at(-1);
  if (!first || !latest) {
    if (!matchedRule) return null;
    return {
      ...base,
      ...open,
      id: freshId(identity, taken),
      kind: 'new',
      matchedRule,
      changes: [],
      editOf: null,
    };
  }
  if (first.status === 'rejected') return null;
  const fields = changedFields(latest.document, doc);
  if (fields.length === 0) return null;
  const changes = fields.map((f) => ({
    field: f,
    label: RELEVANT_FIELDS[f],
    before: latest.document[f],
    after: doc[f],
  }));
  return {
    ...base,
    ...open,
    id: freshId(`${identity}|${JSON.stringify(changes)}`, taken),
    kind: 'edit',
    matchedRule: matchedRule ?? `document proposed earlier as ${first.id}`,
    changes,
    editOf: mine.findLast((p) => p.status === 'accepted')?.id ?? first.id,
  };
}
