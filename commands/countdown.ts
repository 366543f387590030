import { defineCommand } from '../src/commands/define.js';
import { itemCountdown, itemFlags, whenSpan } from '../src/commands/item-lines.js';
import { itemRef } from '../src/commands/options.js';
import { resolveOrReply } from '../src/commands/resolve-reply.js';
import { code, link, type Reply } from '../src/render/reply.js';

export default defineCommand({
  name: 'countdown',
  description: 'How long until (or since) one event or deadline',
  options: { id: itemRef({ description: 'The id, or the start of the name', required: true, rest: true }) },
  positional: ['id'],
  access: 'everyone',
  examples: ['countdown busan-truce-expiry', 'countdown beijing summit'],
  run: ({ id }, ctx): Reply => {
    const found = resolveOrReply(ctx, id);
    if ('reply' in found) return found.reply;
    const { item } = found;
    const now = ctx.now();
    const left = itemCountdown(item, now);
    const flags = itemFlags(item, now);
    const src = item.sources[0];
    return {
      title: `${item.title}: ${left}`,
      intro: [whenSpan(item, true), flags.length ? ` · ${flags.join(', ')}` : ''],
      sections: [],
      context: [[...(src ? [link(src.url, src.title), ' · '] : []), code(item.id)]],
      visibility: 'ephemeral',
    };
  },
});
