import { briefReply } from '../src/commands/brief-reply.js';
import { defineCommand } from '../src/commands/define.js';
import { bool } from '../src/commands/options.js';

export default defineCommand({
  name: 'brief',
  description: 'The next 7 days, key countdowns, what is in force and what changed since yesterday',
  options: {
    share: bool({ description: 'Post the brief to the channel instead of only to you', default: false }),
  },
  access: 'everyone',
  examples: ['brief', 'brief share:yes'],
  run: ({ share }, ctx) => ({
    ...briefReply(ctx),
    visibility: share ? 'public' : 'ephemeral',
  }),
});
