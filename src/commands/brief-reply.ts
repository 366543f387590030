import { code, type Reply, type Rich, type Section, strong, time } from '../render/reply.js';
import { recentChanges } from './changes.js';
import type { CommandContext } from './context.js';
import { countdownLine, itemLine } from './item-lines.js';
import { productCounts, stackHeadline } from './stack-lines.js';

const DAY = 86_400_000;

// Lines every brief shows alike, frozen so that each platform renders them once (src/render/frozen-lines.ts).
const NOTHING_THIS_WEEK: readonly Rich[] = Object.freeze([
  Object.freeze(['Nothing on the timeline in the next 7 days.']),
]);
const BRIEF_CONTEXT: readonly Rich[] = Object.freeze([
  Object.freeze([
    'Times are shown in your time zone. Details and sources: ',
    Object.freeze(code('/trade event <id>')),
  ]),
]);
const NEXT_LIMIT = 8;

/** The brief: next 7 days, key countdowns, what is in force, and what changed since `sinceMs` (default: a day ago). Fits one screen. */
export function briefReply(ctx: CommandContext, sinceMs?: number, title = 'Trade brief'): Reply {
  const now = ctx.now();
  const since = sinceMs ?? now - DAY;
  const tl = ctx.timeline();
  const week = tl.between(now, now + 7 * DAY);
  const sections: Section[] = [
    {
      heading: 'Next 7 days',
      lines: week.length ? week.slice(0, NEXT_LIMIT).map((it) => itemLine(it, now)) : NOTHING_THIS_WEEK,
      more: Math.max(0, week.length - NEXT_LIMIT),
    },
  ];
  const key = tl.between(now + 1, now + 400 * DAY, { kinds: ['deadline', 'summit'], aheadAt: now }, 3);
  if (key.length)
    sections.push({
      heading: 'Key countdowns',
      lines: key.map((it) => countdownLine(it, now)),
    });
  const stack = tl.stack(ctx.focusCountry, now);
  sections.push({
    heading: 'In force now',
    lines: [
      stackHeadline(stack),
      [
        `Product-specific measures: ${productCounts(stack)} · details: `,
        code(`/trade tariffs ${ctx.focusCountry}`),
      ],
    ],
  });
  const changes = recentChanges(ctx, since, now, 5);
  sections.push({
    heading: since >= now - DAY ? 'Since yesterday' : 'Since the last digest',
    lines: changes.lines,
    more: changes.more,
  });
  return {
    title,
    intro: ['As of ', time(now, 'datetime')],
    sections,
    context: BRIEF_CONTEXT,
    visibility: 'public',
  };
}

/** The daily digest as posted to a channel: the brief plus what changed since the last digest. */
export function digestReply(ctx: CommandContext, sinceMs?: number): Reply {
  return briefReply(ctx, sinceMs, 'Daily trade digest');
}
