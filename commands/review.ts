import { defineCommand } from '../src/commands/define.js';
import { outcomeButtons } from '../src/commands/outcomes.js';
import { reviewLine } from '../src/commands/review-lines.js';
import { reviewQueue } from '../src/domain/review-queue.js';
import { OUTCOME_PENDING } from '../src/domain/staleness.js';
import { code, type Reply, type Rich, type Section } from '../src/render/reply.js';

/** Items shown with buttons (Discord allows 5 rows of buttons a message), then listed without, then counted. */
const WITH_BUTTONS = 5;
const LIMIT = 20;

export default defineCommand({
  name: 'review',
  description: 'Items whose date passed with no outcome recorded, and items left off the timeline (editors)',
  options: {},
  access: 'editors',
  examples: ['review'],
  run: (_o, ctx): Reply => {
    const now = ctx.now();
    const tl = ctx.timeline();
    const queue = reviewQueue(tl, now);
    const sections: Section[] = queue.slice(0, WITH_BUTTONS).map((it, i) => ({
      lines: [[`${i + 1}. `, ...reviewLine(it, now)]],
      actions: outcomeButtons(it),
    }));
    if (queue.length > WITH_BUTTONS)
      sections.push({
        lines: queue
          .slice(WITH_BUTTONS, LIMIT)
          .map((it, i): Rich => [`${i + WITH_BUTTONS + 1}. `, ...reviewLine(it, now)]),
        more: Math.max(0, queue.length - LIMIT),
      });
    if (queue.length === 0) sections.push({ lines: [['Nothing is waiting for an outcome.']] });
    if (tl.unplaced.length)
      sections.push({
        heading: 'Left off the timeline (never shown or posted): fix or remove them',
        lines: tl.unplaced.slice(0, LIMIT).map((u): Rich => [code(u.id), ` (${u.type}): ${u.reason}`]),
        more: Math.max(0, tl.unplaced.length - LIMIT),
      });
    return {
      title: `Review: ${queue.length} item${queue.length === 1 ? '' : 's'} with ${OUTCOME_PENDING}`,
      intro: ['Oldest first. Record what happened and the item leaves this list.'],
      sections,
      context: [
        [
          'Record an outcome: ',
          code('/trade edit <id> status:held'),
          ' (or postponed, cancelled, unknown-outcome; measures: in-force, expired, terminated), or move its date.',
        ],
      ],
      visibility: 'ephemeral',
    };
  },
});
