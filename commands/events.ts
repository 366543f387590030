import { defineCommand } from '../src/commands/define.js';
import { itemLine } from '../src/commands/item-lines.js';
import { choice, countries, int, text } from '../src/commands/options.js';
import { commandLine, PAGE_SIZE, paged, pageOption } from '../src/commands/paging.js';
import { EVENT_KINDS } from '../src/domain/event.js';
import { code } from '../src/render/reply.js';

const DAY = 86_400_000;
/** Matches counted beyond the pages asked for; past that the reply asks for a narrower query. */
const COUNT_CAP = 1000;
const WHEN = ['upcoming', 'past', 'all'] as const;

export default defineCommand({
  name: 'events',
  description: 'Upcoming or past events, filtered by country, kind, days or text',
  options: {
    text: text({ description: 'Words to search for in titles, summaries, places and people', rest: true }),
    when: choice({ description: 'Upcoming, past, or all', choices: WHEN }),
    country: countries({ description: 'Only items involving these countries (US,CN)' }),
    kind: choice({ description: 'Only items of this kind', choices: EVENT_KINDS }),
    days: int({ description: 'How many days ahead (or back) to look', min: 1, max: 3650, default: 30 }),
    page: pageOption(),
  },
  positional: ['text'],
  access: 'everyone',
  examples: [
    'events',
    'events past days:90',
    'events country:CN kind:summit',
    'events paris',
    'events all page:2',
  ],
  run: (o, ctx) => {
    const now = ctx.now();
    let words = o.text;
    let when = o.when;
    // `/trade events past` reads naturally: take a leading upcoming/past/all as the range.
    const first = words?.split(/\s+/)[0]?.toLowerCase();
    if (!when && first && (WHEN as readonly string[]).includes(first)) {
      when = first as (typeof WHEN)[number];
      words = words?.split(/\s+/).slice(1).join(' ') || undefined;
    }
    const filter = { countries: o.country, kinds: o.kind ? [o.kind] : undefined, text: words };
    const tl = ctx.timeline();
    // A text search looks at the whole timeline unless a range was asked for.
    const range = when ?? (words ? 'all' : 'upcoming');
    const cap = o.page * PAGE_SIZE + COUNT_CAP;
    const found =
      range === 'upcoming'
        ? tl.between(now, now + o.days * DAY, filter, cap)
        : range === 'past'
          ? tl.before(now, now - o.days * DAY, filter, cap)
          : tl.search(filter, cap);
    const page = paged(found, o.page, (n) =>
      commandLine('events', {
        text: words,
        when,
        country: o.country,
        kind: o.kind,
        days: range === 'all' || o.days === 30 ? undefined : o.days,
        page: n,
      }),
    );
    const label =
      range === 'all' ? 'all dates' : range === 'upcoming' ? `next ${o.days} days` : `past ${o.days} days`;
    const what = [words && `“${words}”`, o.country?.join(', '), o.kind].filter(Boolean).join(' · ');
    return {
      title: `Events — ${label}${what ? ` · ${what}` : ''}`,
      sections: [
        {
          lines: found.length
            ? page.shown.map((it) => itemLine(it, now))
            : [[`Nothing matches. Try a longer range (days:365) or `, code('/trade events all')]],
        },
      ],
      context: [
        ...page.context,
        ...(found.length >= cap
          ? [[`More than ${cap} match: narrow with country:, kind: or a few words.`]]
          : []),
        ['Details and sources: ', code('/trade event <id>')],
      ],
      actions: page.actions,
      visibility: 'ephemeral',
    };
  },
});
