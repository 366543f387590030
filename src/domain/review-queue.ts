import { eventPending, measurePending, type PendingOutcome } from './staleness.js';
import type { Timeline } from './timeline.js';

/** A stored item whose date passed with no outcome recorded. */
export interface ReviewItem extends PendingOutcome {
  readonly type: 'event' | 'measure';
  readonly id: string;
  readonly title: string;
  /** For events: the kind, which decides the outcomes offered. */
  readonly kind?: string;
}

/** Every placed event and measure awaiting its outcome at `nowMs`, oldest first (then by id). */
export function reviewQueue(timeline: Timeline, nowMs: number): ReviewItem[] {
  const out: ReviewItem[] = [];
  for (const it of timeline.items) {
    if (it.origin.type !== 'event') continue;
    const p = eventPending(it.origin.event, it.endMs, nowMs);
    if (p) out.push({ type: 'event', id: it.id, title: it.title, kind: it.kind, ...p });
  }
  for (const m of timeline.measures) {
    const p = measurePending(m, nowMs);
    if (p) out.push({ type: 'measure', id: m.id, title: m.title, ...p });
  }
  return out.sort((a, b) => a.sinceMs - b.sinceMs || a.id.localeCompare(b.id));
}
