import { defineCommand } from '../src/commands/define.js';
import { itemLine, whenSpan } from '../src/commands/item-lines.js';
import { countries, int } from '../src/commands/options.js';
import { commandLine, paged, pageOption } from '../src/commands/paging.js';
import { code, strong } from '../src/render/reply.js';

const DAY = 86_400_000;

export default defineCommand({
  name: 'deadlines',
  description: 'Upcoming deadlines and expiries with countdowns',
  options: {
    days: int({ description: 'How many days ahead to look', min: 1, max: 365, default: 30 }),
    country: countries({ description: 'Only deadlines involving these countries (US,CN)' }),
    page: pageOption(),
  },
  positional: ['days'],
  access: 'everyone',
  examples: ['deadlines days:30', 'deadlines 90 country:CN'],
  run: ({ days, country, page: pageNo }, ctx) => {
    const now = ctx.now();
    const tl = ctx.timeline();
    const filter = { deadlinesOnly: true, countries: country };
    const found = tl.between(now, now + days * DAY, filter);
    const page = paged(found, pageNo, (n) =>
      commandLine('deadlines', { days: days === 30 ? undefined : days, country, page: n }),
    );
    const next = found.length ? undefined : tl.between(now, Number.POSITIVE_INFINITY, filter, 1)[0];
    return {
      title: `Deadlines — next ${days} days`,
      sections: [
        {
          lines: found.length
            ? page.shown.map((it) => itemLine(it, now))
            : [
                next
                  ? [
                      `None in the next ${days} days. The next is `,
                      strong(next.title),
                      ' (',
                      whenSpan(next),
                      ') ',
                      code(next.id),
                    ]
                  : ['No deadline ahead on the timeline.'],
              ],
        },
      ],
      context: [...page.context, ['Details and sources: ', code('/trade event <id>')]],
      actions: page.actions,
      visibility: 'ephemeral',
    };
  },
});
