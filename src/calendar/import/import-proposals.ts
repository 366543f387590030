import type { EventKind } from '../../domain/event.js';
import { type SourceDocument, shortHash } from '../../sources/document.js';
import { type Change, freshId, type Proposal } from '../../sources/proposal.js';
import type { SuggestedItem } from '../../sources/suggested-items.js';
import { UID_DOMAIN } from '../entries.js';
import { type ImportedEvent, startDateOf } from './read-ics.js';

/** Where the events came from: `calendar:<host>` or `calendar:file`, and the calendar's own address if any. */
export interface ImportOrigin {
  readonly sourceId: string;
  readonly url: string | null;
  readonly label: string;
}

/** What one import did: proposals made, and events left as they were. */
export interface ImportOutcome {
  readonly proposals: Proposal[];
  readonly unchanged: number;
  /** Events whose UID is one of ours and whose item the timeline has: our own feed read back. */
  readonly ours: number;
  /** Events an editor rejected before: never proposed again. */
  readonly rejected: number;
}

/** The kind an event's title suggests; editors can change it on accept (`kind:`). */
function kindOf(title: string): EventKind {
  const t = title.toLowerCase();
  if (/\b(comments?)\b.*\b(due|deadline|close)/.test(t)) return 'comment-deadline';
  if (/\b(deadline|due|expir\w*|ends?)\b/.test(t)) return 'deadline';
  if (/\bhearings?\b/.test(t)) return 'hearing';
  if (/\bsummit\b/.test(t)) return 'summit';
  if (/\b(call|phone)\b/.test(t)) return 'call';
  if (/\b(ruling|court|decision)\b/.test(t)) return 'ruling';
  return 'meeting';
}

/** The event as the document a proposal shows and compares: its times, place and status kept in rawDates. */
function documentOf(e: ImportedEvent, o: ImportOrigin): SourceDocument {
  const key = e.key.length > 400 ? `${e.key.slice(0, 380)}~${shortHash(e.key, 12)}` : e.key;
  return {
    sourceId: o.sourceId,
    key,
    title: e.title,
    agencies: [],
    type: 'calendar event',
    documentNumber: null,
    publicationDate: null,
    effectiveDate: startDateOf(e),
    commentsCloseOn: null,
    summary: e.summary,
    link: e.url ?? o.url,
    rawDates: {
      start: 'at' in e.start ? e.start.at : e.start.date,
      end: e.end ? ('at' in e.end ? e.end.at : e.end.date) : null,
      zone: e.start.timeZone ?? null,
      location: e.location,
      status: e.status,
    },
  };
}

function suggestionOf(e: ImportedEvent, doc: SourceDocument, o: ImportOrigin): SuggestedItem {
  const link = e.url ?? o.url;
  return {
    role: 'action',
    title: e.title,
    kind: kindOf(e.title),
    date: startDateOf(e),
    dateBasis: 'calendar event',
    countries: [],
    summary: e.summary,
    sources: link ? [{ title: `${o.label}: ${doc.title}`.slice(0, 200), url: link }] : [],
    confidence: 'reported',
    start: e.start,
    ...(e.end ? { end: e.end } : {}),
    ...(e.location ? { location: e.location } : {}),
    status: e.status,
  };
}

/** What an editor compares between two versions of an imported event, with its name in words. */
const COMPARED: readonly [keyof SourceDocument['rawDates'] | 'title' | 'summary' | 'link', string][] = [
  ['title', 'title'],
  ['start', 'start'],
  ['end', 'end'],
  ['location', 'place'],
  ['status', 'status'],
  ['summary', 'description'],
  ['link', 'link'],
];

function fieldValue(d: SourceDocument, field: string): string | null {
  if (field === 'title') return d.title;
  if (field === 'summary') return d.summary;
  if (field === 'link') return d.link;
  return d.rawDates[field] ?? null;
}

/**
 * Proposals for the events of an imported calendar, as the official sources make them: an event never seen is a
 * new proposal, one whose title, times, place, status, description or link changed since its latest proposal is
 * an edit proposal, anything else nothing. An event first rejected is never proposed again.
 */
export function importProposals(
  events: readonly ImportedEvent[],
  existing: readonly Proposal[],
  origin: ImportOrigin,
  nowIso: string,
  onTimeline: (id: string) => boolean,
): ImportOutcome {
  const made: Proposal[] = [];
  const byKey = new Map<string, Proposal[]>();
  for (const p of existing) byKey.set(p.documentKey, [...(byKey.get(p.documentKey) ?? []), p]);
  const taken = (id: string) => existing.some((p) => p.id === id) || made.some((p) => p.id === id);
  let unchanged = 0;
  let ours = 0;
  let rejected = 0;
  for (const e of events) {
    const own = e.key.endsWith(`@${UID_DOMAIN}`) ? e.key.slice(0, -UID_DOMAIN.length - 1) : undefined;
    if (own && onTimeline(own)) {
      ours++;
      continue;
    }
    const doc = documentOf(e, origin);
    const identity = `ics:${doc.key}`;
    const mine = byKey.get(identity) ?? [];
    const base = {
      sourceId: origin.sourceId,
      documentKey: identity,
      document: doc,
      items: [suggestionOf(e, doc, origin)],
      status: 'pending' as const,
      createdAt: nowIso,
    };
    const first = mine[0];
    const latest = mine.at(-1);
    if (!first || !latest) {
      const p: Proposal = {
        ...base,
        id: freshId(identity, taken),
        kind: 'new',
        matchedRule: `imported from ${origin.label}`,
        changes: [],
        editOf: null,
      };
      made.push(p);
      byKey.set(identity, [p]);
      continue;
    }
    if (first.status === 'rejected') {
      rejected++;
      continue;
    }
    const changes: Change[] = COMPARED.flatMap(([field, label]) => {
      const before = fieldValue(latest.document, field);
      const after = fieldValue(doc, field);
      return before === after ? [] : [{ field, label, before, after }];
    });
    if (!changes.length) {
      unchanged++;
      continue;
    }
    const p: Proposal = {
      ...base,
      id: freshId(`${identity}|${JSON.stringify(changes)}`, taken),
      kind: 'edit',
      matchedRule: `changed in ${origin.label} since proposal ${latest.id}`,
      changes,
      editOf: mine.findLast((x) => x.status === 'accepted')?.id ?? first.id,
    };
    made.push(p);
    byKey.set(identity, [...mine, p]);
  }
  return { proposals: made, unchanged, ours, rejected };
}
