import { checkEvent, list, slugify, toMoment } from '../commands/event-input.js';
import type { ParsedDateTime } from '../commands/options.js';
import type { TradeEvent } from '../domain/event.js';
import { audit, CatalogError, freeId } from '../store/catalog.js';
import type { StoreData } from '../store/schema.js';
import type { Proposal } from './proposal.js';
import type { SuggestedItem } from './suggested-items.js';

/** Fields an editor may set on accept, parsed with the same option schemas as `add`; they apply to the action item. */
export interface AcceptOverrides {
  title?: string;
  kind?: TradeEvent['kind'];
  start?: ParsedDateTime;
  end?: ParsedDateTime;
  status?: TradeEvent['status'];
  countries?: string[];
  location?: string;
  summary?: string;
  participants?: string;
  tags?: string;
  source?: string;
  source_title?: string;
  confidence?: TradeEvent['confidence'];
}

/** What accepting did: the items added and the items changed, by id. */
export interface AcceptOutcome {
  added: TradeEvent[];
  changed: TradeEvent[];
  /** Items the edit would have changed but that were removed meanwhile. */
  missing: string[];
  /** The item of each suggested item, in order: what a later edit proposal changes. */
  ids: string[];
}

interface Env {
  zone: string;
  focusCountry: string;
  todayMs: number;
}

/** The event a suggested item makes, with the editor's overrides on the action item; errors name the option. */
function eventOf(s: SuggestedItem, o: AcceptOverrides, env: Env, id: string): TradeEvent {
  const mine = s.role === 'action' ? o : {};
  const start = mine.start
    ? toMoment(mine.start)
    : (s.start ?? (s.date ? { date: s.date, timeZone: env.zone } : undefined));
  if (!start)
    throw new CatalogError('This document gives no date: accept it with `start:` (e.g. `start:2027-01-15`).');
  const startMs = Date.parse('at' in start ? start.at : `${start.date}T00:00:00Z`);
  const sources = mine.source
    ? [
        {
          title:
            mine.source_title ??
            new URL(/^https?:/.test(mine.source) ? mine.source : 'https://invalid').hostname,
          url: mine.source,
        },
        ...s.sources,
      ]
    : s.sources;
  if (!sources.length)
    throw new CatalogError(
      'This document has no link: accept it with `source:https://…` naming where it is published.',
    );
  const candidate = {
    id,
    title: mine.title ?? s.title,
    kind: mine.kind ?? s.kind,
    start,
    end: mine.end ? toMoment(mine.end) : s.end,
    status:
      mine.status ??
      (s.status === 'cancelled' || s.status === 'tentative'
        ? s.status
        : startMs >= env.todayMs
          ? 'scheduled'
          : 'passed'),
    countries: mine.countries ?? (s.countries.length ? s.countries : [env.focusCountry]),
    participants: list(mine.participants) ?? [],
    location: mine.location ?? s.location,
    summary: mine.summary ?? s.summary?.slice(0, 2000) ?? undefined,
    tags: list(mine.tags) ?? ['from-sources'],
    sources,
    confidence: mine.confidence ?? s.confidence,
  };
  const checked = checkEvent(candidate);
  if (!checked.ok) throw new CatalogError(`${checked.error}.`);
  return checked.event;
}

/**
 * Applies an accepted proposal to a store draft: a new proposal adds its suggested items; an edit proposal
 * changes the items its earlier proposal made (title, date, summary, sources), adding any it did not have.
 * Throws CatalogError (nothing kept) when an item would be invalid.
 */
export function applyProposal(
  d: StoreData,
  p: Proposal,
  earlier: Proposal | undefined,
  o: AcceptOverrides,
  env: Env & { actor: string; at: string },
): AcceptOutcome {
  const out: AcceptOutcome = { added: [], changed: [], missing: [], ids: [] };
  const madeBefore = earlier?.itemIds ?? [];
  for (const s of p.items) {
    const before = p.kind === 'edit' ? findMade(d, madeBefore, earlier, s) : undefined;
    if (before === null) {
      const gone = madeBefore[earlier?.items.findIndex((x) => x.role === s.role) ?? -1];
      if (gone) {
        out.ids.push(gone);
        out.missing.push(gone);
      }
      continue;
    }
    if (before) {
      const next = eventOf(s, o, env, before.id);
      const merged = checkEvent({
        ...before,
        title: next.title,
        start: next.start,
        // An imported calendar event carries its end and place: a changed one moves them too.
        ...(s.start ? { end: next.end, location: next.location ?? before.location } : {}),
        kind: o.kind ?? before.kind,
        status:
          o.status ??
          (before.status === 'passed' || before.status === 'scheduled' ? next.status : before.status),
        summary: next.summary ?? before.summary,
        sources: [
          ...next.sources,
          ...before.sources.filter((x) => !next.sources.some((n) => n.url === x.url)),
        ],
      });
      if (!merged.ok) throw new CatalogError(`${merged.error}.`);
      const i = d.events.findIndex((e) => e.id === before.id);
      d.events[i] = merged.event;
      audit(d, {
        at: env.at,
        actor: env.actor,
        action: 'edit',
        type: 'event',
        id: before.id,
        before,
        after: merged.event,
      });
      out.changed.push(merged.event);
      out.ids.push(before.id);
      continue;
    }
    const id = freeId(d, slugify(o.title && s.role === 'action' ? o.title : s.title));
    const event = eventOf(s, o, env, id);
    d.events.push(event);
    audit(d, { at: env.at, actor: env.actor, action: 'add', type: 'event', id, after: event });
    out.added.push(event);
    out.ids.push(id);
  }
  return out;
}

/**
 * The item an earlier accepted proposal made for the same role: the event, null when it was removed since
 * (nothing to change), undefined when the earlier proposal made none for this role (add it).
 */
function findMade(
  d: StoreData,
  ids: readonly string[],
  earlier: Proposal | undefined,
  s: SuggestedItem,
): TradeEvent | null | undefined {
  const index = earlier?.items.findIndex((x) => x.role === s.role) ?? -1;
  const id = index >= 0 ? ids[index] : undefined;
  if (id === undefined) return undefined;
  return d.events.find((e) => e.id === id) ?? null;
}
