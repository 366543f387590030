import type { EventKind, TradeEvent } from './event.js';
import type { TariffMeasure } from './measure.js';
import { type DatedMeasure, stackAt, type TariffStack, targetedMeasures } from './stack.js';
import { DEADLINE_KINDS, eventItem, isAhead, measureItems, type TimelineItem } from './timeline-item.js';

export interface ItemFilter {
  readonly countries?: readonly string[];
  readonly kinds?: readonly EventKind[];
  readonly text?: string;
  readonly deadlinesOnly?: boolean;
  /** Only items still ahead as planned at this instant (see isAhead). */
  readonly aheadAt?: number;
}

/** A stored item that could not be placed on the timeline, and why; left out of every answer and post. */
export interface Unplaced {
  readonly type: 'event' | 'measure';
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

/** The texts a search looks in; a word matches when one of them, lower-cased, contains it. */
function searchedTexts(item: TimelineItem): string[] {
  const parts = [item.id, item.title, item.kind, ...item.countries];
  if (item.origin.type === 'event') {
    const e = item.origin.event;
    parts.push(e.summary ?? '', e.location ?? '', ...(e.participants ?? []), ...(e.tags ?? []));
  } else {
    const m = item.origin.measure;
    parts.push(m.scope, m.summary ?? '', m.authority);
  }
  return parts;
}

/**
 * True when every word is in the item's texts. Nothing is kept between searches: a cache of each item's
 * lower-cased text cost 16 MB at 100,000 items after one search that matched nothing. Words hold no spaces,
 * so looking in each text is the same as looking in all of them joined by spaces.
 */
function hasWords(item: TimelineItem, words: readonly string[]): boolean {
  const texts = searchedTexts(item).map((t) => t.toLowerCase());
  return words.every((w) => texts.some((t) => t.includes(w)));
}

const wordsOf = (text: string): string[] => text.toLowerCase().split(/\s+/);

/** True when an item passes a filter. */
export function matches(item: TimelineItem, f: ItemFilter, words = f.text ? wordsOf(f.text) : []): boolean {
  if (f.deadlinesOnly && !DEADLINE_KINDS.has(item.kind)) return false;
  if (f.aheadAt !== undefined && !isAhead(item, f.aheadAt)) return false;
  if (f.kinds?.length && !f.kinds.includes(item.kind)) return false;
  if (f.countries?.length && !f.countries.some((c) => item.countries.includes(c))) return false;
  if (f.text && !hasWords(item, words)) return false;
  return true;
}

// Rows by element identity: the store replaces what changes, so a rebuild after a write reuses the rest.
const eventRows = new WeakMap<TradeEvent, TimelineItem>();
const measureRows = new WeakMap<TariffMeasure, TimelineItem[]>();

function cachedEventItem(e: TradeEvent): TimelineItem {
  let row = eventRows.get(e);
  if (!row) {
    row = eventItem(e);
    eventRows.set(e, row);
  }
  return row;
}

function cachedMeasureItems(m: TariffMeasure): TimelineItem[] {
  let rows = measureRows.get(m);
  if (!rows) {
    rows = measureItems(m);
    measureRows.set(m, rows);
  }
  return rows;
}

/** First index whose startMs is >= ms, in a list sorted by startMs. */
function lowerBound(items: readonly TimelineItem[], ms: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as TimelineItem).startMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 200);

/** The label of a stored item that may not even match its schema. */
const labelOf = (item: { id?: unknown; title?: unknown }) => ({
  id: String(item?.id ?? '(no id)').slice(0, 80),
  title: String(item?.title ?? '(no title)').slice(0, 200),
});

/**
 * An indexed, read-only view of the events and measures, sorted by time; build once per store revision.
 * An item whose dates cannot be placed is left out and listed in `unplaced`, so it never breaks the rest.
 */
export class Timeline {
  readonly items: readonly TimelineItem[];
  /** The measures whose dates could be placed: the ones tariff stacks are built from. */
  readonly measures: readonly TariffMeasure[];
  readonly unplaced: readonly Unplaced[];
  private readonly byId = new Map<string, TimelineItem>();
  private readonly measureById = new Map<string, TariffMeasure>();
  private readonly longest: number;
  private readonly targeted = new Map<string, readonly DatedMeasure[]>();

  constructor(events: readonly TradeEvent[], measures: readonly TariffMeasure[]) {
    const unplaced: Unplaced[] = [];
    const stored: TimelineItem[] = [];
    for (const e of events) {
      try {
        stored.push(cachedEventItem(e));
      } catch (err) {
        unplaced.push({ type: 'event', ...labelOf(e), reason: reasonOf(err) });
      }
    }
    const placedMeasures: TariffMeasure[] = [];
    const measureRows: TimelineItem[] = [];
    for (const m of measures) {
      try {
        measureRows.push(...cachedMeasureItems(m));
        placedMeasures.push(m);
      } catch (err) {
        unplaced.push({ type: 'measure', ...labelOf(m), reason: reasonOf(err) });
      }
    }
    // A measure's start or end that the curators also entered as an event is shown once, as the event.
    const eventTimes = new Set(
      stored.filter((e) => e.kind === 'deadline' || e.kind === 'tariff-action').map((e) => e.startMs),
    );
    const derived = measureRows.filter((row) => !eventTimes.has(row.startMs));
    const items = [...stored, ...derived];
    items.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
    this.items = items;
    this.measures = placedMeasures.length === measures.length ? measures : placedMeasures;
    for (const m of placedMeasures) this.measureById.set(m.id, m);
    this.unplaced = unplaced;
    let longest = 0;
    for (const it of items) {
      this.byId.set(it.id, it);
      longest = Math.max(longest, it.endMs - it.startMs);
    }
    this.longest = longest;
  }

  /** The row with exactly this id. */
  get(id: string): TimelineItem | undefined {
    return this.byId.get(id);
  }

  /** The placed measure with exactly this id (a measure may have no dated row at all). */
  measure(id: string): TariffMeasure | undefined {
    return this.measureById.get(id);
  }

  /**
   * The tariff stack on goods from `country` at an instant: stackFor over this timeline's measures, with the
   * measures on that country's goods and their dates read once per timeline (that is, per store revision).
   */
  stack(country: string, atMs: number): TariffStack {
    let targeted = this.targeted.get(country);
    if (!targeted) {
      // Country codes are two letters; the cap only bounds a caller asking for many.
      if (this.targeted.size >= 1_000) this.targeted.clear();
      targeted = targetedMeasures(this.measures, country);
      this.targeted.set(country, targeted);
    }
    return stackAt(targeted, country, atMs);
  }

  /** Items under way or starting in [fromMs, toMs), earliest first, at most `limit`. */
  between(
    fromMs: number,
    toMs: number,
    filter: ItemFilter = {},
    limit = Number.POSITIVE_INFINITY,
  ): TimelineItem[] {
    const out: TimelineItem[] = [];
    const words = filter.text ? wordsOf(filter.text) : [];
    for (let i = lowerBound(this.items, fromMs - this.longest); i < this.items.length; i++) {
      const it = this.items[i] as TimelineItem;
      if (it.startMs >= toMs || out.length >= limit) break;
      if (it.endMs <= fromMs && it.startMs < fromMs) continue;
      if (matches(it, filter, words)) out.push(it);
    }
    return out;
  }

  /** Items that started before `beforeMs` and after `sinceMs`, latest first, at most `limit`. */
  before(
    beforeMs: number,
    sinceMs: number,
    filter: ItemFilter = {},
    limit = Number.POSITIVE_INFINITY,
  ): TimelineItem[] {
    const out: TimelineItem[] = [];
    const words = filter.text ? wordsOf(filter.text) : [];
    for (let i = lowerBound(this.items, beforeMs) - 1; i >= 0 && out.length < limit; i--) {
      const it = this.items[i] as TimelineItem;
      if (it.startMs < sinceMs) break;
      if (matches(it, filter, words)) out.push(it);
    }
    return out;
  }

  /** Every item matching the filter, earliest first, at most `limit`. */
  search(filter: ItemFilter, limit = Number.POSITIVE_INFINITY): TimelineItem[] {
    const out: TimelineItem[] = [];
    const words = filter.text ? wordsOf(filter.text) : [];
    for (const it of this.items) {
      if (out.length >= limit) break;
      if (matches(it, filter, words)) out.push(it);
    }
    return out;
  }
}
