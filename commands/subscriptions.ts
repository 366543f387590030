import { defineCommand } from '../src/commands/define.js';
import { subscriptionFields } from '../src/commands/subscription-lines.js';
import { code, type Reply } from '../src/render/reply.js';
import { findSubscription } from '../src/store/subscriptions.js';

export default defineCommand({
  name: 'subscriptions',
  description: 'This channel’s digest time, zone, reminders and filters',
  options: {},
  access: 'everyone',
  examples: ['subscriptions'],
  run: (_o, ctx): Reply => {
    const sub = findSubscription(ctx.store, ctx.channel);
    const others = ctx.store.read().subscriptions.length - (sub ? 1 : 0);
    return {
      title: sub ? 'This channel’s subscription' : 'This channel has no subscription',
      intro: sub ? undefined : ['Start one with ', code('/trade subscribe time:08:00 zone:Europe/Paris')],
      sections: sub ? [{ fields: subscriptionFields(sub, ctx.now()) }] : [],
      context: [[`${others} other channel${others === 1 ? '' : 's'} subscribed.`]],
      visibility: 'ephemeral',
    };
  },
});
