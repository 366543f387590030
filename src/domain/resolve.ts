import type { Timeline } from './timeline.js';
import type { TimelineItem } from './timeline-item.js';

export type Resolution =
  | { readonly ok: true; readonly item: TimelineItem }
  | { readonly ok: false; readonly candidates: readonly TimelineItem[] };

/** Lower-case ASCII words: accents dropped ("Zürich" -> "zurich"), punctuation as spaces. */
export const norm = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * How well `q` names an item: 4 the whole title, 3 every word a word of the title, 2 the start of the title or
 * of its words, 1 the id (its start or its parts), 0 not at all. Title words outrank id prefixes.
 */
function tier(it: TimelineItem, q: string, words: readonly string[]): number {
  const title = norm(it.title);
  if (title === q) return 4;
  const titleWords = title.split(' ');
  if (words.every((w) => titleWords.includes(w))) return 3;
  if (title.startsWith(q) || words.every((w) => titleWords.some((t) => t.startsWith(w)))) return 2;
  const id = norm(it.id);
  if (id.startsWith(q) || words.every((w) => id.includes(w))) return 1;
  return 0;
}

/** Not over yet at `nowMs`: still ahead or under way. */
const upcoming = (it: TimelineItem, nowMs: number) => Math.max(it.startMs, it.endMs) > nowMs;

/** Upcoming items first, soonest first; then past ones, most recent first. */
export function byRelevance(nowMs: number) {
  return (a: TimelineItem, b: TimelineItem): number => {
    const ua = upcoming(a, nowMs);
    const ub = upcoming(b, nowMs);
    if (ua !== ub) return ua ? -1 : 1;
    return ua ? a.startMs - b.startMs : b.startMs - a.startMs;
  };
}

/** The one item of a group of equally good matches, if one stands out: the only one, or the only one still ahead. */
function standout(group: readonly TimelineItem[], nowMs: number): TimelineItem | undefined {
  if (group.length === 1) return group[0];
  const ahead = group.filter((it) => upcoming(it, nowMs));
  if (ahead.length === 1) return ahead[0];
  // Prefer a stored event over the start/end rows derived from a measure of the same name.
  const pool = ahead.length ? ahead : group;
  const events = pool.filter((it) => it.origin.type === 'event');
  return events.length === 1 && pool.length <= 3 ? events[0] : undefined;
}

/**
 * Finds the one item a user means at `nowMs`: its id, else the best title match (whole title, title words, their
 * starts, then the id), an upcoming item before past ones. When several match equally, they come back as
 * candidates, upcoming first.
 */
export function resolveItem(timeline: Timeline, ref: string, nowMs: number): Resolution {
  const exact = timeline.get(ref.trim().toLowerCase());
  if (exact) return { ok: true, item: exact };
  const q = norm(ref);
  if (q.length === 0) return { ok: false, candidates: [] };
  const words = q.split(' ');
  let best = 0;
  let group: TimelineItem[] = [];
  for (const it of timeline.items) {
    const t = tier(it, q, words);
    if (t > best) {
      best = t;
      group = [it];
    } else if (t === best && t > 0) group.push(it);
  }
  if (best === 0) return { ok: false, candidates: [] };
  const one = standout(group, nowMs);
  if (one) return { ok: true, item: one };
  return { ok: false, candidates: group.sort(byRelevance(nowMs)) };
}
