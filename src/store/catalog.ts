import type { TradeEvent } from '../domain/event.js';
import type { TariffMeasure } from '../domain/measure.js';
import type { AuditEntry, StoreData, StoredItem } from './schema.js';
import type { Store } from './store.js';

/** A store change refused for a reason the user can fix; nothing was written. */
export class CatalogError extends Error {}

/** Appends an audit entry to a draft, numbered after the last one. */
export function audit(draft: StoreData, entry: Omit<AuditEntry, 'seq'>): void {
  const seq = (draft.audit.at(-1)?.seq ?? 0) + 1;
  draft.audit.push({ seq, ...entry });
}

function idTaken(d: StoreData, id: string): boolean {
  return d.events.some((e) => e.id === id) || d.measures.some((m) => m.id === id);
}

/** A free id based on `base`: base, base-2, base-3… */
export function freeId(d: Readonly<StoreData>, base: string): string {
  if (!idTaken(d as StoreData, base)) return base;
  for (let n = 2; ; n++) if (!idTaken(d as StoreData, `${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Adds a validated event and records who added it. With `pickId`, the id is made free inside the write
 * (base, base-2, …); otherwise an id already taken is refused.
 */
export function addEvent(
  store: Store,
  event: TradeEvent,
  actor: string,
  at: string,
  pickId = false,
): Promise<TradeEvent> {
  return store.update((d) => {
    const added = pickId ? { ...event, id: freeId(d, event.id) } : event;
    if (idTaken(d, added.id)) throw new CatalogError(`An item with id \`${added.id}\` already exists.`);
    d.events.push(added);
    audit(d, { at, actor, action: 'add', type: 'event', id: added.id, after: added });
    return added;
  });
}

/**
 * Replaces `current` (the event as the editor saw it) with `next`; refused if someone changed it
 * meanwhile, so two edits at once never silently undo each other.
 */
export function replaceEvent(store: Store, current: TradeEvent, next: TradeEvent, actor: string, at: string) {
  return store.update((d) => {
    const i = d.events.findIndex((e) => e.id === current.id);
    if (i < 0) throw new CatalogError(`No event has id \`${current.id}\`.`);
    if (d.events[i] !== current)
      throw new CatalogError(
        `\`${current.id}\` was changed by someone else a moment ago; run the edit again.`,
      );
    d.events[i] = next;
    audit(d, { at, actor, action: 'edit', type: 'event', id: current.id, before: current, after: next });
    return { before: current, after: next };
  });
}

/** Moves an event or measure to the archive; `restore` brings it back. */
export function removeItem(store: Store, id: string, actor: string, at: string): Promise<StoredItem> {
  return store.update((d) => {
    const ei = d.events.findIndex((e) => e.id === id);
    const mi = d.measures.findIndex((m) => m.id === id);
    let entry: StoredItem;
    if (ei >= 0) entry = { type: 'event', item: d.events.splice(ei, 1)[0] as TradeEvent };
    else if (mi >= 0)
      entry = { type: 'measure', item: d.measures.splice(mi, 1)[0] as StoredItem['item'] } as StoredItem;
    else throw new CatalogError(`No event or measure has id \`${id}\`.`);
    d.archive.push({ removedAt: at, removedBy: actor, entry });
    audit(d, { at, actor, action: 'remove', type: entry.type, id, before: entry.item });
    return entry;
  });
}

/** Brings the most recently archived item with this id back. */
export function restoreItem(store: Store, id: string, actor: string, at: string): Promise<StoredItem> {
  return store.update((d) => {
    const ai = d.archive.findLastIndex((a) => a.entry.item.id === id);
    if (ai < 0) throw new CatalogError(`Nothing with id \`${id}\` is in the archive.`);
    if (idTaken(d, id)) throw new CatalogError(`An item with id \`${id}\` exists already; remove it first.`);
    const { entry } = d.archive.splice(ai, 1)[0] as StoreData['archive'][number];
    if (entry.type === 'event') d.events.push(entry.item);
    else d.measures.push(entry.item);
    audit(d, { at, actor, action: 'restore', type: entry.type, id, after: entry.item });
    return entry;
  });
}

/** Adds a validated measure and records who added it; ids are picked or refused as for `addEvent`. */
export function addMeasure(
  store: Store,
  measure: TariffMeasure,
  actor: string,
  at: string,
  pickId = false,
): Promise<TariffMeasure> {
  return store.update((d) => {
    const added = pickId ? { ...measure, id: freeId(d, measure.id) } : measure;
    if (idTaken(d, added.id)) throw new CatalogError(`An item with id \`${added.id}\` already exists.`);
    d.measures.push(added);
    audit(d, { at, actor, action: 'add', type: 'measure', id: added.id, after: added });
    return added;
  });
}

/** Replaces `current` (the measure as the editor saw it) with `next`; refused as `replaceEvent` is. */
export function replaceMeasure(
  store: Store,
  current: TariffMeasure,
  next: TariffMeasure,
  actor: string,
  at: string,
) {
  return store.update((d) => {
    const i = d.measures.findIndex((m) => m.id === current.id);
    if (i < 0) throw new CatalogError(`No measure has id \`${current.id}\`.`);
    if (d.measures[i] !== current)
      throw new CatalogError(
        `\`${current.id}\` was changed by someone else a moment ago; run the edit again.`,
      );
    d.measures[i] = next;
    audit(d, { at, actor, action: 'edit', type: 'measure', id: current.id, before: current, after: next });
    return { before: current, after: next };
  });
}
