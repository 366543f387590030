import { defineCommand } from '../src/commands/define.js';
import { text } from '../src/commands/options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';
import { CatalogError, removeItem } from '../src/store/catalog.js';

export default defineCommand({
  name: 'remove',
  description: 'Archive an event or measure (editors); restore brings it back',
  options: { id: text({ description: 'The id of the event or measure', required: true, max: 80 }) },
  positional: ['id'],
  access: 'editors',
  mutates: true,
  examples: ['remove my-meeting'],
  run: async ({ id }, ctx): Promise<Reply> => {
    try {
      const entry = await removeItem(
        ctx.store,
        id,
        `${ctx.actor.platform}:${ctx.actor.id}`,
        new Date(ctx.now()).toISOString(),
      );
      return {
        title: `Archived ${entry.item.title}`,
        intro: ['Undo with ', code(`/trade restore ${id}`)],
        sections: [],
        visibility: 'ephemeral',
      };
    } catch (err) {
      if (err instanceof CatalogError) return errorReply(`${err.message} Nothing was changed.`);
      throw err;
    }
  },
});
