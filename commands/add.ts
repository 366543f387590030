import { defineCommand } from '../src/commands/define.js';
import { checkEvent, eventFields, list, slugify, toMoment } from '../src/commands/event-input.js';
import { text } from '../src/commands/options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';
import { addEvent, CatalogError } from '../src/store/catalog.js';

export default defineCommand({
  name: 'add',
  description: 'Add an event to the timeline (editors)',
  options: { ...eventFields, id: text({ description: 'An id (default: made from the title)', max: 80 }) },
  access: 'editors',
  mutates: true,
  examples: [
    'add title:"Geneva follow-up talks" start:"2026-12-03 10:00 Europe/Zurich" countries:US,CN source:https://example.org/story',
  ],
  run: async (o, ctx): Promise<Reply> => {
    const missing = (['title', 'start', 'source'] as const).filter((k) => o[k] === undefined);
    if (missing.length)
      return errorReply(
        `\`/trade add\` needs ${missing.map((m) => `\`${m}\``).join(', ')}. Nothing was added.`,
        'Example: `/trade add title:"Geneva talks" start:"2026-12-03 10:00 Europe/Zurich" countries:US,CN source:https://…`',
      );
    const title = o.title as string;
    const url = o.source as string;
    const candidate = {
      id: o.id ?? slugify(title),
      title,
      kind: o.kind ?? 'meeting',
      start: toMoment(o.start as NonNullable<typeof o.start>),
      end: o.end ? toMoment(o.end) : undefined,
      status: o.status ?? 'scheduled',
      countries: o.countries ?? [ctx.focusCountry],
      participants: list(o.participants) ?? [],
      location: o.location,
      summary: o.summary,
      tags: list(o.tags) ?? [],
      sources: [
        { title: o.source_title ?? new URL(/^https?:/.test(url) ? url : 'https://invalid').hostname, url },
      ],
      confidence: o.confidence ?? 'reported',
    };
    const checked = checkEvent(candidate);
    if (!checked.ok) return errorReply(`${checked.error}. Nothing was added.`);
    let event: typeof checked.event;
    try {
      // A given id must be free; an id made from the title is made free (title-2, …) inside the write.
      const actor = `${ctx.actor.platform}:${ctx.actor.id}`;
      event = await addEvent(
        ctx.store,
        checked.event,
        actor,
        new Date(ctx.now()).toISOString(),
        o.id === undefined,
      );
    } catch (err) {
      if (err instanceof CatalogError)
        return errorReply(`${err.message} Nothing was added.`, 'Choose another `id:`.');
      throw err;
    }
    const renamed = event.id !== checked.event.id;
    return {
      title: `Added ${event.title}`,
      intro: ['See it with ', code(`/trade event ${event.id}`)],
      sections: [],
      // The id was made from a title already in use: say so, in case this is a second copy by mistake.
      context: renamed
        ? [
            [
              '⚠ An item with this title already exists: ',
              code(checked.event.id),
              '; added as ',
              code(event.id),
              '. Remove one with ',
              code(`/trade remove ${event.id}`),
              ' if it is a duplicate.',
            ],
          ]
        : undefined,
      tone: renamed ? 'warning' : undefined,
      visibility: 'ephemeral',
    };
  },
});
