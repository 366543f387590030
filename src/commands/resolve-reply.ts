import { byRelevance, norm, resolveItem } from '../domain/resolve.js';
import type { Timeline } from '../domain/timeline.js';
import type { TimelineItem } from '../domain/timeline-item.js';
import { code, errorReply, type Reply, type Rich } from '../render/reply.js';
import type { CommandContext } from './context.js';
import { whenSpan } from './item-lines.js';
import { closest } from './suggest.js';

const SHOWN = 5;

/** Items whose title has a word near each typed word (a typo such as "trcue"), most relevant first. */
function nearTitles(timeline: Timeline, ref: string, nowMs: number): TimelineItem[] {
  const words = norm(ref).split(' ').filter(Boolean);
  if (words.length === 0 || words.some((w) => w.length < 4)) return [];
  return timeline.items
    .filter((it) => {
      const titleWords = norm(it.title).split(' ');
      return words.every((w) => closest(w, titleWords, 1) !== undefined);
    })
    .sort(byRelevance(nowMs));
}

/** "Did you mean: `a` (title, date), `b` (…)" for a few candidates, the most likely first. */
function didYouMean(candidates: readonly TimelineItem[]): Rich {
  const spans: Rich[number][] = ['Did you mean: '];
  for (const [i, it] of candidates.slice(0, SHOWN).entries()) {
    if (i > 0) spans.push(', ');
    spans.push(code(it.id), ` (${it.title}, `, whenSpan(it), ')');
  }
  if (candidates.length > SHOWN) spans.push(` or ${candidates.length - SHOWN} more`);
  spans.push('?');
  return spans;
}

/** The item a user named, or a reply asking which one they meant, or saying how to search. */
export function resolveOrReply(ctx: CommandContext, ref: string): { item: TimelineItem } | { reply: Reply } {
  const now = ctx.now();
  const r = resolveItem(ctx.timeline(), ref, now);
  if (r.ok) return { item: r.item };
  const near = r.candidates.length ? [] : nearTitles(ctx.timeline(), ref, now);
  if (r.candidates.length === 0 && near.length === 0)
    return {
      reply: errorReply(
        `No event or measure matches \`${ref}\`.`,
        `Search with \`/trade events ${ref.split(/\s+/)[0] ?? ''}\` or list what is coming with \`/trade events\`.`,
      ),
    };
  const several = r.candidates.length > 0;
  const reply = errorReply(
    several
      ? `\`${ref}\` matches several items equally well.`
      : `No event or measure matches \`${ref}\` exactly.`,
    'Give the id, or more of the name.',
  );
  return {
    reply: { ...reply, intro: [...(reply.intro ?? []), ' ', ...didYouMean(several ? r.candidates : near)] },
  };
}
