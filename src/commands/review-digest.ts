import { reviewQueue } from '../domain/review-queue.js';
import { OUTCOME_PENDING } from '../domain/staleness.js';
import { code, type Reply, type Section } from '../render/reply.js';
import type { CommandContext } from './context.js';
import { reviewLine } from './review-lines.js';

const SHOWN = 3;

/** The digest with the review queue's count and first items added, for channels subscribed with review:yes. */
export function withReviewQueue(reply: Reply, ctx: CommandContext): Reply {
  const now = ctx.now();
  const queue = reviewQueue(ctx.timeline(), now);
  const section: Section = {
    heading: `Review queue: ${queue.length} with ${OUTCOME_PENDING}`,
    lines: queue.length
      ? [
          ...queue.slice(0, SHOWN).map((it) => reviewLine(it, now)),
          ['Record outcomes with ', code('/trade review')],
        ]
      : [['Nothing is waiting for an outcome.']],
    more: Math.max(0, queue.length - SHOWN),
  };
  return { ...reply, sections: [...reply.sections, section] };
}
