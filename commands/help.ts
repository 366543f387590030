import { defineCommand } from '../src/commands/define.js';
import { text } from '../src/commands/options.js';
import { closest } from '../src/commands/suggest.js';
import { code, errorReply, type Reply, strong } from '../src/render/reply.js';

export default defineCommand({
  name: 'help',
  description: 'What each command does, with examples',
  options: { command: text({ description: 'A command to explain', rest: true, max: 40 }) },
  positional: ['command'],
  access: 'everyone',
  examples: ['help', 'help deadlines'],
  run: ({ command }, ctx): Reply => {
    const all = ctx.commands();
    const one = command && all.find((c) => c.name === command.toLowerCase());
    if (one)
      return {
        title: `/trade ${one.name}`,
        intro: [one.description],
        sections: [
          {
            heading: 'Options',
            lines: one.options.length
              ? one.options.map((o) => [
                  code(`${o.name}:${o.example}`),
                  ` — ${o.description}${o.required ? ' (required)' : ''}`,
                ])
              : [['none']],
          },
          { lines: [['Example: ', code(one.usage)]] },
        ],
        context: one.access === 'editors' ? [['For editors only.']] : undefined,
        visibility: 'ephemeral',
      };
    if (command) {
      const near = closest(
        command,
        all.map((c) => c.name),
      );
      return errorReply(
        `There is no command \`${command}\`.${near ? ` Did you mean \`${near}\`?` : ''}`,
        `See every command with \`/trade help\`${near ? `, or this one with \`/trade help ${near}\`` : ''}.`,
      );
    }
    const visible = all.filter((c) => c.access === 'everyone' || ctx.actor.isEditor);
    return {
      title: 'Trade Brief: commands',
      intro: ['Meetings, tariff measures and deadlines of US-China trade, with sources.'],
      sections: [
        { lines: visible.map((c) => [strong(`/trade ${c.name}`), ` — ${c.description} · `, code(c.usage)]) },
      ],
      context: [
        [
          'Options are written key:value, e.g. ',
          code('/trade deadlines days:30'),
          '. Quote text with spaces.',
        ],
      ],
      visibility: 'ephemeral',
    };
  },
});
