import type { EventKind } from '../domain/event.js';
import type { Timeline } from '../domain/timeline.js';
import { statusAt, type TimelineItem } from '../domain/timeline-item.js';
import { CHART_IMPOSER, changes, type TariffSteps } from './tariff-steps.js';

const DAY = 86_400_000;
/** How long before a change of the total an event may be what led to it. */
export const LEAD_WINDOW_DAYS = 14;
const DECISIVE: ReadonlySet<EventKind> = new Set(['meeting', 'summit', 'call', 'ruling']);

/**
 * The events that led to a change of the total, read from the store: for each change, the last meeting,
 * summit, call or ruling on the country (or the US alone) held in the 14 days before it. For China this finds
 * the Geneva talks, the Busan summit and the Supreme Court's IEEPA ruling.
 */
export function keyEvents(tl: Timeline, steps: TariffSteps, nowMs: number): TimelineItem[] {
  const found = new Map<string, TimelineItem>();
  for (const step of changes(steps)) {
    const candidates = tl
      .before(step.ms + 1, step.ms - LEAD_WINDOW_DAYS * DAY)
      .filter(
        (it) =>
          it.origin.type === 'event' &&
          DECISIVE.has(it.kind) &&
          (it.countries.includes(steps.country) || it.countries.every((c) => c === CHART_IMPOSER)) &&
          !['cancelled', 'postponed'].includes(statusAt(it, nowMs)),
      );
    const last = candidates[0];
    if (last) found.set(last.id, last);
  }
  return [...found.values()].sort((a, b) => a.startMs - b.startMs);
}
