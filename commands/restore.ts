import { defineCommand } from '../src/commands/define.js';
import { text } from '../src/commands/options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';
import { CatalogError, restoreItem } from '../src/store/catalog.js';

export default defineCommand({
  name: 'restore',
  description: 'Bring back an archived event or measure (editors)',
  options: { id: text({ description: 'The id that was removed', required: true, max: 80 }) },
  positional: ['id'],
  access: 'editors',
  mutates: true,
  examples: ['restore my-meeting'],
  run: async ({ id }, ctx): Promise<Reply> => {
    try {
      const entry = await restoreItem(
        ctx.store,
        id,
        `${ctx.actor.platform}:${ctx.actor.id}`,
        new Date(ctx.now()).toISOString(),
      );
      return {
        title: `Restored ${entry.item.title}`,
        intro: ['See it with ', code(`/trade event ${id}`)],
        sections: [],
        visibility: 'ephemeral',
      };
    } catch (err) {
      if (err instanceof CatalogError) return errorReply(`${err.message} Nothing was changed.`);
      throw err;
    }
  },
});
