import type { Timeline } from './timeline.js';
import type { TimelineItem } from './timeline-item.js';

export type Resolution =
  | { readonly ok: true; readonly item: TimelineItem }
  | { readonly ok: false; readonly candidates: readonly TimelineItem[] };

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Finds the one item a user means: its id, a unique prefix of its id or title, or the one title
 * holding every word. Several matches come back as candidates, most relevant first.
 */
export function resolveItem(timeline: Timeline, ref: string): Resolution {
  const exact = timeline.get(ref.trim().toLowerCase());
  if (exact) return { ok: true, item: exact };
  const q = norm(ref);
  if (q.length === 0) return { ok: false, candidates: [] };
  const words = q.split(' ');
  const prefix: TimelineItem[] = [];
  const contains: TimelineItem[] = [];
  for (const it of timeline.items) {
    const id = norm(it.id);
    const title = norm(it.title);
    if (id.startsWith(q) || title.startsWith(q)) prefix.push(it);
    else if (words.every((w) => title.includes(w) || id.includes(w))) contains.push(it);
  }
  for (const group of [prefix, contains]) {
    if (group.length === 1) return { ok: true, item: group[0] as TimelineItem };
    // Prefer a stored event over the start/end rows derived from a measure of the same name.
    const events = group.filter((it) => it.origin.type === 'event');
    if (events.length === 1) return { ok: true, item: events[0] as TimelineItem };
    if (group.length > 1) return { ok: false, candidates: group };
  }
  return { ok: false, candidates: [] };
}
