import { calendarFile, subscriptionUrl } from '../src/calendar/calendar-file.js';
import { buildCalendar, FEED_HISTORY_DAYS, MAX_FEED_ENTRIES } from '../src/calendar/feed.js';
import { MAX_TOKENS_PER_OWNER, newToken } from '../src/calendar/tokens.js';
import { defineCommand } from '../src/commands/define.js';
import { choice, countries } from '../src/commands/options.js';
import { EVENT_KINDS } from '../src/domain/event.js';
import { code, type Reply, type Rich } from '../src/render/reply.js';

const HOW_TO: readonly Rich[] = [
  ['Google Calendar: Other calendars → + → From URL, paste the link (it refreshes every few hours).'],
  ['Outlook: Add calendar → Subscribe from web, paste the link.'],
  ['Apple Calendar: File → New Calendar Subscription, paste the link.'],
];

export default defineCommand({
  name: 'calendar',
  description:
    'The timeline in your calendar: a subscription link and the .ics file; `revoke` stops your links',
  options: {
    action: choice({ description: '`revoke` stops every calendar link you were given', choices: ['revoke'] }),
    country: countries({ description: 'Only items involving these countries (US,CN)' }),
    kind: choice({ description: 'Only items of this kind', choices: EVENT_KINDS }),
    format: choice({
      description: '`ics`: just the calendar (printed in the terminal), no link',
      choices: ['ics'],
    }),
  },
  positional: ['action'],
  access: 'everyone',
  // A link issues a token (stored hashed); `format:ics` only reads.
  mutates: (o) => o.format !== 'ics',
  examples: ['calendar', 'calendar country:CN kind:summit', 'calendar format:ics', 'calendar revoke'],
  run: async (o, ctx): Promise<Reply> => {
    const owner = `${ctx.actor.platform}:${ctx.actor.id}`;
    if (o.action === 'revoke') {
      const n = await ctx.store.update((d) => {
        const before = d.calendarTokens.length;
        d.calendarTokens = d.calendarTokens.filter((t) => t.owner !== owner);
        return before - d.calendarTokens.length;
      });
      return {
        title: n ? `Revoked ${n} calendar link${n === 1 ? '' : 's'}` : 'You have no calendar links',
        intro: [
          n
            ? 'Calendars subscribed with them stop updating (the feed now answers them 404). A new link: '
            : 'Nothing was changed. To get one: ',
          code('/trade calendar'),
        ],
        sections: [],
        visibility: 'ephemeral',
      };
    }
    const filter = { countries: o.country, kinds: o.kind ? [o.kind] : undefined };
    const feed = buildCalendar(ctx.store.read(), ctx.timeline(), filter, ctx.now());
    const file = calendarFile(feed, filter);
    const what = [o.country?.join(', '), o.kind].filter(Boolean).join(' · ');
    const title = `Trade Brief calendar${what ? ` · ${what}` : ''}: ${feed.count} items`;
    const scope: Rich = [
      `From ${FEED_HISTORY_DAYS} days ago on, earliest first`,
      feed.truncated ? `, the first ${MAX_FEED_ENTRIES} only: narrow with country: or kind:.` : '.',
      ' All-day items as dates, timed items exact (UTC), reminders 7 days, 1 day and 1 hour before.',
    ];
    // The terminal prints the calendar itself (to pipe into a file); a chat gets it as an attachment.
    if (o.format === 'ics')
      return {
        title,
        intro: scope,
        sections: [],
        files: ctx.actor.platform === 'console' ? undefined : [file],
        verbatim: feed.text,
        visibility: 'ephemeral',
      };
    if (!ctx.calendarFeedUrl)
      return {
        title,
        intro: scope,
        sections: [
          {
            lines: [
              [
                'No subscription link: this bot does not serve the calendar feed. The operator sets ',
                code('PUBLIC_URL'),
                ' and ',
                code('WEB_PORT'),
                ' to serve it. The file attached is a snapshot to import.',
              ],
            ],
          },
        ],
        files: [file],
        visibility: 'ephemeral',
      };
    const issued = newToken(owner, new Date(ctx.now()).toISOString());
    const dropped = await ctx.store.update((d) => {
      const mine = d.calendarTokens.filter((t) => t.owner === owner);
      const gone = mine.slice(0, Math.max(0, mine.length + 1 - MAX_TOKENS_PER_OWNER));
      d.calendarTokens = [...d.calendarTokens.filter((t) => !gone.includes(t)), issued.record];
      return gone.length;
    });
    const url = subscriptionUrl(ctx.calendarFeedUrl, issued.token, filter);
    return {
      title,
      intro: scope,
      sections: [
        { heading: 'Your subscription link (keep it to yourself)', lines: [[code(url)]] },
        { heading: 'Subscribe', lines: HOW_TO },
      ],
      context: [
        [
          'The link is shown only now. Anyone who has it can read this calendar; ',
          code('/trade calendar revoke'),
          ' stops all your links.',
        ],
        ...(dropped
          ? [[`You may keep ${MAX_TOKENS_PER_OWNER} links: your oldest one stopped working.`] as Rich]
          : []),
        ['The .ics attached is a snapshot to import once; the link stays up to date.'],
      ],
      files: [file],
      visibility: 'ephemeral',
    };
  },
});
