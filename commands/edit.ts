import { changedFields } from '../src/commands/changes.js';
import { defineCommand } from '../src/commands/define.js';
import { checkEvent, eventFields, list, toMoment } from '../src/commands/event-input.js';
import { text } from '../src/commands/options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';
import { CatalogError, replaceEvent } from '../src/store/catalog.js';

export default defineCommand({
  name: 'edit',
  description: 'Change fields of an event (editors)',
  options: { id: text({ description: 'The event id', required: true, max: 80 }), ...eventFields },
  positional: ['id'],
  access: 'editors',
  mutates: true,
  examples: ['edit paris-talks-2026 status:held', 'edit my-meeting start:"2026-12-04 09:00 Europe/Paris"'],
  run: async ({ id, ...o }, ctx): Promise<Reply> => {
    const current = ctx.store.read().events.find((e) => e.id === id);
    if (!current)
      return errorReply(
        `No event has id \`${id}\`. Nothing was changed.`,
        'Find ids with `/trade events <words>`.',
      );
    if (Object.values(o).every((v) => v === undefined))
      return errorReply(
        'Give at least one field to change. Nothing was changed.',
        `Example: \`/trade edit ${id} status:held\``,
      );
    const sources =
      o.source === undefined
        ? current.sources
        : [...current.sources, { title: o.source_title ?? 'Source', url: o.source }];
    const candidate = {
      ...current,
      title: o.title ?? current.title,
      kind: o.kind ?? current.kind,
      start: o.start ? toMoment(o.start) : current.start,
      end: o.end ? toMoment(o.end) : current.end,
      status: o.status ?? current.status,
      countries: o.countries ?? current.countries,
      location: o.location ?? current.location,
      summary: o.summary ?? current.summary,
      participants: list(o.participants) ?? current.participants,
      tags: list(o.tags) ?? current.tags,
      sources,
      confidence: o.confidence ?? current.confidence,
    };
    const checked = checkEvent(candidate);
    if (!checked.ok) return errorReply(`${checked.error}. Nothing was changed.`);
    const changed = changedFields(current, checked.event);
    if (changed.length === 0)
      return errorReply('Those values are what the event has already. Nothing was changed.');
    try {
      const actor = `${ctx.actor.platform}:${ctx.actor.id}`;
      await replaceEvent(ctx.store, current, checked.event, actor, new Date(ctx.now()).toISOString());
    } catch (err) {
      if (err instanceof CatalogError) return errorReply(`${err.message} Nothing was changed.`);
      throw err;
    }
    return {
      title: `Edited ${checked.event.title}`,
      intro: [`Changed: ${changed.join(', ')}. See it with `, code(`/trade event ${id}`)],
      sections: [],
      visibility: 'ephemeral',
    };
  },
});
