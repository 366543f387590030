import { importProposals } from '../src/calendar/import/import-proposals.js';
import { loadCalendarFile } from '../src/calendar/import/load-calendar.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_EVENTS, readIcs } from '../src/calendar/import/read-ics.js';
import { defineCommand } from '../src/commands/define.js';
import { int, text } from '../src/commands/options.js';
import { code, errorReply, type Reply, type Rich } from '../src/render/reply.js';
import { cleanText } from '../src/sources/sanitize.js';

const DAY = 86_400_000;
const SHOWN = 15;
const caps = `at most ${MAX_IMPORT_EVENTS.toLocaleString('en-US')} events and ${MAX_IMPORT_BYTES / 1024 / 1024} MB`;

/** An http(s) address, or undefined: `import url:` reads nothing else (no file:, no data:). */
function httpAddress(raw: string): URL | undefined {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

export default defineCommand({
  name: 'import',
  description: 'Read another calendar (.ics) and propose its new or changed events for review (editors)',
  options: {
    url: text({ description: 'The https address of an .ics calendar', max: 2000 }),
    file: text({ description: 'A path to an .ics file on the bot’s machine (terminal only)', max: 500 }),
    days: int({
      description: 'How many days ahead to read (recurring events are expanded)',
      min: 1,
      max: 730,
      default: 365,
    }),
  },
  access: 'editors',
  mutates: true,
  examples: [
    'import url:https://example.org/trade.ics',
    'import file:data/ministry.ics',
    'import url:https://example.org/trade.ics days:90',
  ],
  run: async (o, ctx): Promise<Reply> => {
    const nothing = 'Nothing was changed.';
    if ((o.url === undefined) === (o.file === undefined))
      return errorReply(
        'Give one calendar: `url:` (an https address of an .ics file) or `file:` (a path on the bot’s machine, in the terminal).',
        'Example: `/trade import url:https://example.org/trade.ics`',
      );
    if (!ctx.sources)
      return errorReply(
        `No official sources are set up in this bot, so there is no review queue. ${nothing}`,
      );
    let textOf: { ok: true; text: string } | { ok: false; error: string };
    let origin: { sourceId: string; url: string | null; label: string };
    if (o.url !== undefined) {
      const url = httpAddress(o.url);
      if (!url) return errorReply(`\`url\` must be an http or https address of an .ics calendar. ${nothing}`);
      // The address may carry a token of its own: replies and proposals name only its host.
      origin = {
        sourceId: `calendar:${url.hostname}`,
        url: url.href,
        label: `the calendar at ${url.hostname}`,
      };
      const r = await ctx.sources.fetchText(url.href, 'calendar');
      textOf = r.ok ? { ok: true, text: r.value } : r;
    } else {
      if (ctx.actor.platform !== 'console')
        return errorReply(
          `\`file:\` reads a file on the bot’s machine, so only the terminal may use it; here give \`url:\`. ${nothing}`,
        );
      origin = { sourceId: 'calendar:file', url: null, label: 'an imported calendar file' };
      textOf = await loadCalendarFile(o.file as string);
    }
    const where = o.url !== undefined ? `The calendar at ${origin.sourceId.slice(9)}` : 'That file';
    if (!textOf.ok)
      return errorReply(`${where} could not be read: ${cleanText(textOf.error, 300)}. ${nothing}`);
    const now = ctx.now();
    const fromMs = Math.floor(now / DAY) * DAY;
    const read = readIcs(textOf.text, { fromMs, toMs: fromMs + o.days * DAY, zone: ctx.zone });
    if (!read.ok) return errorReply(`${where} was not imported: ${read.error} (${caps}). ${nothing}`);
    const timeline = ctx.timeline();
    let outcome: ReturnType<typeof importProposals> | undefined;
    const saved = await ctx.sources.addProposals(origin.sourceId, (existing) => {
      outcome = importProposals(read.value.events, existing, origin, new Date(now).toISOString(), (id) =>
        Boolean(timeline.get(id)),
      );
      return outcome.proposals;
    });
    if (!saved.ok) return errorReply(saved.error);
    const r = outcome ?? { proposals: [], unchanged: 0, ours: 0, rejected: 0 };
    const made = saved.value;
    const fresh = made.filter((p) => p.kind === 'new').length;
    const counts = [
      `${read.value.total} events in the calendar`,
      `${read.value.events.length} in the next ${o.days} days (recurring ones expanded)`,
      `${fresh} new and ${made.length - fresh} changed proposed`,
      r.unchanged ? `${r.unchanged} unchanged` : '',
      r.ours ? `${r.ours} already on the timeline` : '',
      r.rejected ? `${r.rejected} rejected before` : '',
      read.value.undated ? `${read.value.undated} without a date left out` : '',
      read.value.outside ? `${read.value.outside} outside the window` : '',
    ].filter(Boolean);
    const lines: Rich[] = made
      .slice(0, SHOWN)
      .map((p) => [
        code(p.id),
        ` ${p.kind === 'edit' ? 'change to' : 'new'}: ${p.document.title} (${p.items[0]?.date ?? 'no date'})`,
      ]);
    return {
      title: made.length
        ? `Imported: ${made.length} proposal${made.length === 1 ? '' : 's'} to review`
        : 'Imported: nothing new',
      intro: [`${counts.join(' · ')}.`],
      sections: made.length ? [{ lines, more: made.length > SHOWN ? made.length - SHOWN : undefined }] : [],
      context: [
        [
          'Nothing is on the timeline until an editor accepts it: ',
          code('/trade proposals'),
          ', then ',
          code('/trade accept <id>'),
          ' or ',
          code('/trade reject <id>'),
        ],
      ],
      visibility: 'ephemeral',
    };
  },
});
