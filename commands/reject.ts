import { defineCommand } from '../src/commands/define.js';
import { text } from '../src/commands/options.js';
import { errorReply, type Reply } from '../src/render/reply.js';

export default defineCommand({
  name: 'reject',
  description: 'Drop a proposal (editors); the document is not proposed again',
  options: {
    id: text({ description: 'The proposal id (from /trade proposals)', required: true, max: 20 }),
    reason: text({ description: 'Why, for the record', max: 500 }),
  },
  positional: ['id'],
  access: 'editors',
  mutates: true,
  examples: ['reject p1a2b3c reason:"not about China"'],
  run: async ({ id, reason }, ctx): Promise<Reply> => {
    if (!ctx.sources) return errorReply('No official sources are set up in this bot. Nothing was changed.');
    const r = await ctx.sources.reject(id, reason, `${ctx.actor.platform}:${ctx.actor.id}`);
    if (!r.ok) return errorReply(r.error);
    return {
      title: `Rejected ${id}`,
      intro: ['It will not be proposed again.'],
      sections: [],
      visibility: 'ephemeral',
    };
  },
});
