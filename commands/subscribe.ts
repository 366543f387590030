import { defineCommand } from '../src/commands/define.js';
import { bool, countries } from '../src/commands/options.js';
import { clockTime, durations, kinds, timeZone } from '../src/commands/schedule-options.js';
import { subscriptionFields } from '../src/commands/subscription-lines.js';
import { Subscription } from '../src/domain/subscription.js';
import { errorReply, type Reply } from '../src/render/reply.js';
import { CatalogError } from '../src/store/catalog.js';
import { findSubscription, saveSubscription } from '../src/store/subscriptions.js';

export default defineCommand({
  name: 'subscribe',
  description: 'Daily digest and reminders in this channel; run again to change the settings',
  options: {
    time: clockTime('Digest time, 24-hour (default 08:00)'),
    zone: timeZone('Time zone of the digest time (default: yours)'),
    leads: durations('Reminder lead times (default 7d,1d,1h)'),
    countries: countries({ description: 'Only items involving these countries (default: all)' }),
    kinds: kinds('Only these kinds of item (default: all)'),
    weekdays: bool({ description: 'Digest on weekdays only' }),
    weekly: bool({ description: 'Also a week-ahead outlook on Mondays' }),
    proposals: bool({
      description: 'Also post new proposals from the official sources, with Accept / Reject',
    }),
    review: bool({ description: 'Editors: the digest lists items whose date passed with no outcome' }),
  },
  access: 'everyone',
  mutates: true,
  examples: [
    'subscribe time:08:00 zone:Europe/Paris',
    'subscribe leads:7d,1d,1h countries:CN kinds:summit,deadline',
  ],
  run: async (o, ctx): Promise<Reply> => {
    const now = ctx.now();
    const current = findSubscription(ctx.store, ctx.channel);
    const sub = Subscription.parse({
      ...current,
      channel: ctx.channel,
      digestTime: o.time ?? current?.digestTime ?? '08:00',
      timeZone: o.zone ?? current?.timeZone ?? ctx.zone,
      leadMinutes: o.leads ?? current?.leadMinutes,
      countries: o.countries ?? current?.countries,
      kinds: o.kinds ?? current?.kinds,
      weekdaysOnly: o.weekdays ?? current?.weekdaysOnly,
      weeklyOutlook: o.weekly ?? current?.weeklyOutlook,
      proposals: o.proposals ?? current?.proposals,
      review: o.review ?? current?.review,
      createdAt: current?.createdAt ?? new Date(now).toISOString(),
      createdBy: current?.createdBy ?? `${ctx.actor.platform}:${ctx.actor.id}`,
    });
    try {
      await saveSubscription(ctx.store, sub, current);
    } catch (err) {
      if (err instanceof CatalogError) return errorReply(`${err.message} Nothing was changed.`);
      throw err;
    }
    return {
      title: current ? 'Subscription updated' : 'Subscribed: this channel gets the digest and reminders',
      sections: [{ fields: subscriptionFields(sub, now) }],
      context: [['Change with /trade subscribe …, stop with /trade unsubscribe.']],
      visibility: 'public',
    };
  },
});
