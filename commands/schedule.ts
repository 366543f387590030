import { defineCommand } from '../src/commands/define.js';
import { int } from '../src/commands/options.js';
import { commandLine, paged, pageOption } from '../src/commands/paging.js';
import { channelKey } from '../src/domain/subscription.js';
import { code, type Reply, type Rich, time } from '../src/render/reply.js';
import { LedgerIndex } from '../src/schedule/ledger-index.js';
import { due } from '../src/schedule/plan.js';

const DAY = 86_400_000;
/** How many items left off the timeline an editor sees listed. */
const UNPLACED_SHOWN = 15;
const WHAT = {
  digest: 'daily digest',
  weekly: 'week ahead',
  reminder: 'reminder',
  notice: 'notice',
  proposal: 'proposal',
} as const;

export default defineCommand({
  name: 'schedule',
  description: 'What will be posted where and when: digests and reminders ahead',
  options: {
    days: int({ description: 'How many days ahead', min: 1, max: 60, default: 7 }),
    page: pageOption(),
  },
  positional: ['days'],
  access: 'everyone',
  examples: ['schedule days:7'],
  run: ({ days, page: pageNo }, ctx): Reply => {
    const now = ctx.now();
    const data = ctx.store.read();
    const ledger = new LedgerIndex(data.ledger);
    // Editors see every channel; others see their own.
    const subs = ctx.actor.isEditor
      ? data.subscriptions
      : data.subscriptions.filter((s) => channelKey(s.channel) === channelKey(ctx.channel));
    const plan = due(
      { subscriptions: subs, timeline: ctx.timeline(), audit: [], wasReminded: ledger.wasReminded },
      now,
      now + days * DAY,
    ).filter((o) => ledger.get(o.key)?.state !== 'sent');
    const page = paged(plan, pageNo, (n) =>
      commandLine('schedule', { days: days === 7 ? undefined : days, page: n }),
    );
    const lines = page.shown.map((o): Rich => {
      const item = o.itemId ? ctx.timeline().get(o.itemId) : undefined;
      return [
        time(o.dueMs, 'datetime'),
        ` → ${channelKey(o.channel)}: ${WHAT[o.kind]}`,
        ...(item ? [' for ', code(item.id)] : []),
      ];
    });
    // Editors also see stored items that nothing is posted for because their dates cannot be placed.
    const unplaced = ctx.actor.isEditor ? ctx.timeline().unplaced : [];
    return {
      title: `Scheduled posts — next ${days} days`,
      sections: [
        {
          lines: lines.length
            ? lines
            : [
                [
                  subs.length ? 'Nothing is due.' : 'No channel is subscribed. Start with ',
                  ...(subs.length ? [] : [code('/trade subscribe')]),
                ],
              ],
        },
        ...(unplaced.length
          ? [
              {
                heading: 'Left off the timeline (never shown or posted): fix or remove them',
                lines: unplaced
                  .slice(0, UNPLACED_SHOWN)
                  .map((u): Rich => [code(u.id), ` (${u.type}): ${u.reason}`]),
                more: Math.max(0, unplaced.length - UNPLACED_SHOWN),
              },
            ]
          : []),
      ],
      context: page.context.length ? page.context : undefined,
      actions: page.actions,
      visibility: 'ephemeral',
    };
  },
});
