import { countdown } from '../domain/countdown.js';
import { itemPending, OUTCOME_PENDING } from '../domain/staleness.js';
import { formatInstant, localDate, utcMidnight } from '../domain/time.js';
import { statusAt, type TimelineItem } from '../domain/timeline-item.js';
import { code, day, type Rich, type Span, strong, time } from '../render/reply.js';

const DAY_MS = 86_400_000;

/**
 * "in 17 hours", "in 1 day 4 hours", then "tomorrow", "in 3 days", "2 days ago" for an item, from the injected
 * clock. Two days or more away, every item counts calendar days where it happens, so one date always reads
 * as one number (an all-day item and a timed one on the same day never say 261 and 262 days); closer than that
 * a timed item counts exact hours and minutes.
 */
export function itemCountdown(item: TimelineItem, nowMs: number): string {
  if (item.startMs <= nowMs && nowMs < item.endMs) return 'under way';
  if (!item.days && Math.abs(item.startMs - nowMs) < 2 * DAY_MS) return countdown(nowMs, item.startMs);
  const date = item.days?.start ?? localDate(item.startMs, item.zone);
  const diff = Math.round((utcMidnight(date) - utcMidnight(localDate(nowMs, item.zone))) / DAY_MS);
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff === -1) return 'yesterday';
  return diff > 0 ? `in ${diff} days` : `${-diff} days ago`;
}

/**
 * When an item happens: its dates, or its instant shown in the reader's zone; `live` adds a countdown
 * where the platform can keep one running (Discord's <t:…:R>).
 */
export function whenSpan(item: TimelineItem, live = false): Span {
  if (item.days) return day(item.days.start, item.days.end);
  return time(item.startMs, live ? 'datetime+relative' : 'datetime', item.zone);
}

/**
 * An instant both where it happens and where the reader is: "Tue 10 Nov 2026, 00:01 EST in America/New_York
 * (Tue 10 Nov 2026, 05:01 UTC in your zone)"; each platform shows the second part in the reader's own zone.
 */
export function venueAndReaderTime(ms: number, zone: string): Rich {
  return [
    `${formatInstant(ms, zone, 'datetime')} in ${zone} (`,
    time(ms, 'datetime', zone),
    ' in your zone)',
  ];
}

const STATUS_NOTE: Partial<Record<string, string>> = {
  postponed: 'postponed',
  cancelled: 'cancelled',
  tentative: 'tentative',
  'unknown-outcome': 'outcome unknown',
};

/** Notes a reader must not miss: status changes and weak sourcing. */
export function itemFlags(item: TimelineItem, nowMs: number): string[] {
  const flags: string[] = [];
  // A date that passed with no outcome recorded is said so, never shown as if it went as planned.
  const note = itemPending(item, nowMs) ? `⚠ ${OUTCOME_PENDING}` : STATUS_NOTE[statusAt(item, nowMs)];
  if (note) flags.push(note);
  if (item.confidence === 'unverified') flags.push('⚠ unverified');
  else if (item.confidence === 'reported') flags.push('reported');
  return flags;
}

/** The spans of an item's line that do not depend on the clock: its dates, its title and its id. */
interface ItemSpans {
  readonly when: Span;
  readonly title: Span;
  readonly id: Span;
  /** The item's recent lines by their clock-dependent text (countdown and flags), newest last; a few at most. */
  readonly lines: Map<string, Rich>;
  /** The item's recent countdown lines (the brief's key countdowns) by countdown text, newest last; a few at most. */
  readonly countdowns: Map<string, Rich>;
  /** The item's line among recent changes: its time came (`happened`), or came with no outcome recorded. */
  happened?: Rich;
  pending?: Rich;
}

/** How many lines (countdown and flags texts) are kept per item: the last few minutes' worth of an item close by. */
const LINES_PER_ITEM = 4;

// By row identity: a timeline row is built once per stored item (rows are reused across store revisions while the
// item is unchanged, and a changed item gets a new row), so these are derived data like the rows themselves. The
// spans and lines are frozen, as every answer that lists the item shares them, and a platform may keep its
// rendering of a frozen line by identity (see src/render/frozen-lines.ts).
const itemSpans = new WeakMap<TimelineItem, ItemSpans>();

function spansOf(item: TimelineItem): ItemSpans {
  let spans = itemSpans.get(item);
  if (!spans) {
    spans = {
      when: Object.freeze(whenSpan(item)),
      title: Object.freeze(strong(item.title)),
      id: Object.freeze(code(item.id)),
      lines: new Map(),
      countdowns: new Map(),
    };
    itemSpans.set(item, spans);
  }
  return spans;
}

/**
 * One list line: when, what, countdown, flags, and the id to ask for details. The countdown and flags are worked
 * out from `nowMs` on every call; a line with the same text as one made a moment ago is that line, shared.
 */
export function itemLine(item: TimelineItem, nowMs: number): Rich {
  const flags = itemFlags(item, nowMs);
  const spans = spansOf(item);
  const countdownText = ` · ${itemCountdown(item, nowMs)}`;
  const flagsText = flags.length ? ` · ${flags.join(', ')}` : '';
  const key = flagsText ? `${countdownText}\u0000${flagsText}` : countdownText;
  let line = spans.lines.get(key);
  if (line === undefined) {
    const parts: Span[] = [spans.when, ' — ', spans.title, countdownText];
    if (flagsText) parts.push(flagsText);
    parts.push(' · ', spans.id);
    line = remember(spans.lines, key, Object.freeze(parts));
  }
  return line;
}

/** Keeps `line` under `key` among an item's recent lines, letting the oldest go past LINES_PER_ITEM. */
function remember(lines: Map<string, Rich>, key: string, line: Rich): Rich {
  if (lines.size >= LINES_PER_ITEM) lines.delete(lines.keys().next().value as string);
  lines.set(key, line);
  return line;
}

/** A key countdown: "**in 3 days** — title (when) `id`"; a line with the same countdown as a moment ago is shared. */
export function countdownLine(item: TimelineItem, nowMs: number): Rich {
  const spans = spansOf(item);
  const text = itemCountdown(item, nowMs);
  return (
    spans.countdowns.get(text) ??
    remember(
      spans.countdowns,
      text,
      Object.freeze([Object.freeze(strong(text)), ` — ${item.title} (`, spans.when, ') ', spans.id]),
    )
  );
}

/** An item whose time came, among recent changes: "happened: **title** (when) `id`", or flagged with no outcome. */
export function happenedLine(item: TimelineItem, pending: boolean): Rich {
  const spans = spansOf(item);
  const line = pending ? spans.pending : spans.happened;
  if (line) return line;
  const lead = pending ? `⚠ ${OUTCOME_PENDING}: ` : 'happened: ';
  const made = Object.freeze([lead, spans.title, ' (', spans.when, ') ', spans.id]);
  if (pending) spans.pending = made;
  else spans.happened = made;
  return made;
}
