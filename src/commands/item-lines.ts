import { countdown } from '../domain/countdown.js';
import { itemPending, OUTCOME_PENDING } from '../domain/staleness.js';
import { localDate } from '../domain/time.js';
import { statusAt, type TimelineItem } from '../domain/timeline-item.js';
import { code, day, type Rich, type Span, strong, time } from '../render/reply.js';

const DAY_MS = 86_400_000;

/** "in 3 days" / "tomorrow" / "today" / "2 days ago" for an item, from the injected clock. */
export function itemCountdown(item: TimelineItem, nowMs: number): string {
  if (item.startMs <= nowMs && nowMs < item.endMs) return 'under way';
  if (!item.days) return countdown(nowMs, item.startMs);
  // All-day items count calendar days where they happen, so Paris talks on the 15th are "in 3 days" on the 12th.
  const today = Date.parse(`${localDate(nowMs, item.zone)}T00:00:00Z`);
  const diff = Math.round((Date.parse(`${item.days.start}T00:00:00Z`) - today) / DAY_MS);
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

/** One list line: when, what, countdown, flags, and the id to ask for details. */
export function itemLine(item: TimelineItem, nowMs: number): Rich {
  const flags = itemFlags(item, nowMs);
  return [
    whenSpan(item),
    ' — ',
    strong(item.title),
    ` · ${itemCountdown(item, nowMs)}`,
    ...(flags.length ? [` · ${flags.join(', ')}`] : []),
    ' · ',
    code(item.id),
  ];
}
