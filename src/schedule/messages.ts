import { timelineChartReply } from '../charts/timeline-reply.js';
import { briefReply } from '../commands/brief-reply.js';
import type { CommandContext } from '../commands/context.js';
import { itemFlags, itemLine, whenSpan } from '../commands/item-lines.js';
import { proposalReply } from '../commands/proposal-lines.js';
import { withReviewQueue } from '../commands/review-digest.js';
import { countdown } from '../domain/countdown.js';
import { code, link, type Reply, type Rich } from '../render/reply.js';
import { findSubscription } from '../store/subscriptions.js';
import type { Occurrence } from './occurrence.js';

const DAY = 86_400_000;
/** The week-ahead post's chart looks a month ahead, so the week is seen in what follows it. */
export const WEEKLY_CHART_DAYS = 30;

/** Why a post goes out after its time: it came due while the bot was down, or an earlier attempt failed. */
export type Lateness = 'offline' | 'retry' | undefined;

/** A note for posts that went out after their time, saying why. */
const lateNote = (occ: Occurrence, nowMs: number, late: Lateness): Rich[] =>
  late === undefined
    ? []
    : [
        [
          `Sent late: this was due ${countdown(nowMs, occ.dueMs)}, ${late === 'offline' ? 'while the bot was offline' : 'and the first attempt to post it failed'}.`,
        ],
      ];

/** The week ahead, posted on Mondays to channels that asked for it, with the timeline chart of the month ahead. */
function weeklyReply(ctx: CommandContext): Reply {
  const now = ctx.now();
  const items = ctx.timeline().between(now, now + 7 * DAY);
  // The chart says in words when there is nothing to draw; then the post goes without a picture.
  const chart = timelineChartReply(ctx.timeline(), { days: WEEKLY_CHART_DAYS }, now).files ?? [];
  return {
    files: chart,
    title: 'The week ahead',
    sections: [
      {
        lines: items.length
          ? items.slice(0, 15).map((it) => itemLine(it, now))
          : [['Nothing on the timeline this week.']],
        more: Math.max(0, items.length - 15),
      },
    ],
    visibility: 'public',
  };
}

/** What a channel receives for an occurrence, or undefined when its item is gone. */
export function occurrenceReply(
  occ: Occurrence,
  ctx: CommandContext,
  lastDigestMs: number | undefined,
  late: Lateness = undefined,
): Reply | undefined {
  const now = ctx.now();
  if (occ.kind === 'digest') {
    const brief = briefReply(ctx, lastDigestMs, 'Daily trade digest');
    const r = findSubscription(ctx.store, occ.channel)?.review ? withReviewQueue(brief, ctx) : brief;
    return { ...r, context: [...(r.context ?? []), ...lateNote(occ, now, late)] };
  }
  if (occ.kind === 'weekly') {
    const r = weeklyReply(ctx);
    return { ...r, context: [...(r.context ?? []), ...lateNote(occ, now, late)] };
  }
  if (occ.kind === 'proposal') {
    // A proposal decided before it could be posted is not posted: there is nothing left to press.
    const p = ctx.store.read().watcher.proposals.find((x) => x.id === occ.itemId && x.status === 'pending');
    return p ? proposalReply(p) : undefined;
  }
  const item = occ.itemId ? ctx.timeline().get(occ.itemId) : undefined;
  if (!item) return undefined;
  const src = item.sources[0];
  if (occ.kind === 'notice') {
    return {
      title: `${occ.status === 'cancelled' ? 'Cancelled' : 'Postponed'}: ${item.title}`,
      intro: ['You had a reminder for this. It was planned for ', whenSpan(item), '.'],
      sections: [],
      context: [[...(src ? [link(src.url, src.title), ' · '] : []), code(item.id)]],
      visibility: 'public',
    };
  }
  const flags = itemFlags(item, now);
  const left = countdown(now, occ.itemStartMs ?? item.startMs);
  return {
    title: `⏰ ${item.title} — ${left}`,
    intro: [whenSpan(item), flags.length ? ` · ${flags.join(', ')}` : ''],
    sections: [],
    context: [
      [...(src ? [link(src.url, src.title), ' · '] : []), 'details: ', code(`/trade event ${item.id}`)],
      ...lateNote(occ, now, late),
    ],
    visibility: 'public',
  };
}
