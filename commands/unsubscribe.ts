import { defineCommand } from '../src/commands/define.js';
import { errorReply, type Reply } from '../src/render/reply.js';
import { dropSubscription } from '../src/store/subscriptions.js';

export default defineCommand({
  name: 'unsubscribe',
  description: 'Stop the digest and reminders in this channel',
  options: {},
  access: 'everyone',
  mutates: true,
  examples: ['unsubscribe'],
  run: async (_o, ctx): Promise<Reply> => {
    if (!(await dropSubscription(ctx.store, ctx.channel)))
      return errorReply(
        'This channel has no subscription. Nothing was changed.',
        'Start one with `/trade subscribe`.',
      );
    return {
      title: 'Unsubscribed',
      intro: ['This channel will get no more digests or reminders.'],
      sections: [],
      visibility: 'public',
    };
  },
});
