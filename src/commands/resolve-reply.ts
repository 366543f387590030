import { resolveItem } from '../domain/resolve.js';
import type { TimelineItem } from '../domain/timeline-item.js';
import { errorReply, type Reply } from '../render/reply.js';
import type { CommandContext } from './context.js';

const SHOWN = 5;

/** The item a user named, or a reply listing the candidates or saying how to search. */
export function resolveOrReply(ctx: CommandContext, ref: string): { item: TimelineItem } | { reply: Reply } {
  const r = resolveItem(ctx.timeline(), ref);
  if (r.ok) return { item: r.item };
  if (r.candidates.length === 0)
    return {
      reply: errorReply(
        `No event or measure matches \`${ref}\`.`,
        `Search with \`/trade events ${ref.split(/\s+/)[0] ?? ''}\` or list what is coming with \`/trade events\`.`,
      ),
    };
  const names = r.candidates
    .slice(0, SHOWN)
    .map((it) => `\`${it.id}\` (${it.title})`)
    .join(', ');
  const more = r.candidates.length > SHOWN ? ` and ${r.candidates.length - SHOWN} more` : '';
  return {
    reply: errorReply(
      `\`${ref}\` matches several items: ${names}${more}.`,
      'Give the id, or more of the name.',
    ),
  };
}
