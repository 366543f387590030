import { z } from 'zod';
import { Instant } from '../domain/primitives.js';
import { changedFields, identityOf, RELEVANT_FIELDS, SourceDocument, shortHash } from './document.js';
import type { SourceConfig } from './sources-file.js';
import { SuggestedItem, suggestItems } from './suggested-items.js';

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

/** A short id for `seed` that no other proposal has: "p" and six base-36 characters, longer on a clash. */
export function freshId(seed: string, taken: (id: string) => boolean): string {
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
