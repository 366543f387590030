import { defineCommand } from '../src/commands/define.js';
import { proposalFields, suggestionLines } from '../src/commands/proposal-lines.js';
import { code, type Reply, type Section } from '../src/render/reply.js';
import { cleanText } from '../src/sources/sanitize.js';

const SHOWN = 15;

export default defineCommand({
  name: 'proposals',
  description: 'New or changed official documents waiting for an editor, with their ids',
  options: {},
  access: 'everyone',
  examples: ['proposals'],
  run: (_o, ctx): Reply => {
    const pending = ctx.store.read().watcher.proposals.filter((p) => p.status === 'pending');
    if (!pending.length)
      return {
        title: 'No pending proposals',
        intro: ['Nothing new from the official sources is waiting. Their state: ', code('/trade sources')],
        sections: [],
        visibility: 'ephemeral',
      };
    const sections: Section[] = pending.slice(0, SHOWN).map((p) => ({
      heading: `${p.id} · ${p.kind === 'edit' ? 'change to' : 'new'}: ${cleanText(p.document.title, 140)}`,
      fields: proposalFields(p),
      lines: suggestionLines(p),
    }));
    return {
      title: `${pending.length} pending proposal${pending.length === 1 ? '' : 's'}`,
      sections: [...sections, ...(pending.length > SHOWN ? [{ more: pending.length - SHOWN }] : [])],
      context: [
        [
          'Editors: ',
          code('/trade accept <id> [field:value …]'),
          ' or ',
          code('/trade reject <id> [reason:…]'),
        ],
      ],
      visibility: 'ephemeral',
    };
  },
});
