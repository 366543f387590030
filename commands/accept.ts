import { defineCommand } from '../src/commands/define.js';
import { eventFields } from '../src/commands/event-input.js';
import { text } from '../src/commands/options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';

export default defineCommand({
  name: 'accept',
  description: 'Turn a proposal into timeline items (editors); field:value changes the main item as in `add`',
  options: {
    id: text({ description: 'The proposal id (from /trade proposals)', required: true, max: 20 }),
    ...eventFields,
  },
  positional: ['id'],
  access: 'editors',
  mutates: true,
  examples: ['accept p1a2b3c', 'accept p1a2b3c title:"Section 301 tariff increase" countries:US,CN'],
  run: async ({ id, ...overrides }, ctx): Promise<Reply> => {
    if (!ctx.sources) return errorReply('No official sources are set up in this bot. Nothing was changed.');
    const r = await ctx.sources.accept(
      id,
      overrides,
      `${ctx.actor.platform}:${ctx.actor.id}`,
      ctx.focusCountry,
    );
    if (!r.ok) return errorReply(r.error);
    const { added, changed, missing } = r.value;
    const lines = [
      ...added.map((e) => ['added ', code(e.id), ` — ${e.title}`]),
      ...changed.map((e) => ['changed ', code(e.id), ` — ${e.title}`]),
      ...missing.map((m) => ['not changed ', code(m), ' — it was removed; restore it and edit it by hand']),
    ];
    return {
      title: `Accepted ${id}`,
      sections: [{ lines }],
      context: [['See them with ', code(`/trade event ${(added[0] ?? changed[0])?.id ?? ''}`.trim())]],
      visibility: 'ephemeral',
    };
  },
});
