import { changedFields } from '../src/commands/changes.js';
import type { CommandContext } from '../src/commands/context.js';
import { defineCommand, type OptionValues } from '../src/commands/define.js';
import { checkEvent, eventFields, list, toMoment } from '../src/commands/event-input.js';
import { checkMeasure, measureOnlyFields } from '../src/commands/measure-input.js';
import { choice, text } from '../src/commands/options.js';
import { EVENT_STATUSES, type TradeEvent } from '../src/domain/event.js';
import { MEASURE_STATUSES, type TariffMeasure } from '../src/domain/measure.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';
import { CatalogError, replaceEvent, replaceMeasure } from '../src/store/catalog.js';

const options = {
  id: text({ description: 'The id of the event or measure', required: true, max: 80 }),
  ...eventFields,
  status: choice({
    description: 'Status (events: held, postponed…; measures: in-force, expired…)',
    choices: [...EVENT_STATUSES, ...MEASURE_STATUSES],
  }),
  ...measureOnlyFields,
};
type Fields = Omit<OptionValues<typeof options>, 'id'>;

const EVENT_ONLY = ['kind', 'start', 'end', 'countries', 'location', 'participants', 'tags'] as const;
const MEASURE_ONLY = Object.keys(measureOnlyFields);
/** Fields kept for the review queue, not shown as an editor's change. */
const QUIET = new Set(['reviewedAt']);

const given = (o: Fields, names: readonly string[]) =>
  names.filter((n) => o[n as keyof Fields] !== undefined);
const actorOf = (ctx: CommandContext) => `${ctx.actor.platform}:${ctx.actor.id}`;

function done(title: string, id: string, before: unknown, after: unknown): Reply {
  const changed = changedFields(before, after).filter((f) => !QUIET.has(f));
  return {
    title: `Edited ${title}`,
    intro: [`Changed: ${changed.join(', ')}. See it with `, code(`/trade event ${id}`)],
    sections: [],
    visibility: 'ephemeral',
  };
}

const unchanged = (what: string) =>
  errorReply(`Those values are what the ${what} has already. Nothing was changed.`);

async function editEvent(current: TradeEvent, o: Fields, ctx: CommandContext): Promise<Reply> {
  const wrong = given(o, MEASURE_ONLY);
  if (wrong.length)
    return errorReply(
      `\`${wrong[0]}\` is a measure's field and \`${current.id}\` is an event. Nothing was changed.`,
      `An event has ${EVENT_ONLY.map((f) => `\`${f}\``).join(', ')}, title, status, summary, source.`,
    );
  const sources =
    o.source === undefined
      ? current.sources
      : [...current.sources, { title: o.source_title ?? 'Source', url: o.source }];
  const now = ctx.now();
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
    // "Outcome unknown" recorded now: the item leaves the review queue until its date moves on.
    reviewedAt: o.status === 'unknown-outcome' ? new Date(now).toISOString() : current.reviewedAt,
  };
  const checked = checkEvent(candidate);
  if (!checked.ok) return errorReply(`${checked.error}. Nothing was changed.`);
  if (changedFields(current, checked.event).length === 0) return unchanged('event');
  await replaceEvent(ctx.store, current, checked.event, actorOf(ctx), new Date(now).toISOString());
  return done(checked.event.title, current.id, current, checked.event);
}

async function editMeasure(current: TariffMeasure, o: Fields, ctx: CommandContext): Promise<Reply> {
  const wrong = given(o, EVENT_ONLY);
  if (wrong.length)
    return errorReply(
      `\`${wrong[0]}\` is an event's field and \`${current.id}\` is a measure. Nothing was changed.`,
      `A measure has ${MEASURE_ONLY.map((f) => `\`${f}\``).join(', ')}, title, status, summary, source.`,
    );
  const sources =
    o.source === undefined
      ? current.sources
      : [...current.sources, { title: o.source_title ?? 'Source', url: o.source }];
  const candidate = {
    ...current,
    title: o.title ?? current.title,
    authority: o.authority ?? current.authority,
    rate: o.rate ?? current.rate,
    imposing: o.imposing ?? current.imposing,
    targets: o.targets ?? current.targets,
    from: o.from ? toMoment(o.from) : current.from,
    until: o.until ? toMoment(o.until) : current.until,
    coverage: o.coverage ?? current.coverage,
    scope: o.scope ?? current.scope,
    hts: o.hts ?? current.hts,
    status: o.status ?? current.status,
    summary: o.summary ?? current.summary,
    sources,
    confidence: o.confidence ?? current.confidence,
  };
  const checked = checkMeasure(candidate);
  if (!checked.ok) return errorReply(`${checked.error}. Nothing was changed.`);
  if (changedFields(current, checked.measure).length === 0) return unchanged('measure');
  await replaceMeasure(ctx.store, current, checked.measure, actorOf(ctx), new Date(ctx.now()).toISOString());
  return done(checked.measure.title, current.id, current, checked.measure);
}

export default defineCommand({
  name: 'edit',
  description: 'Change fields of an event or measure (editors)',
  options,
  positional: ['id'],
  access: 'editors',
  mutates: true,
  examples: [
    'edit paris-talks-2026 status:held',
    'edit my-meeting start:"2026-12-04 09:00 Europe/Paris"',
    'edit section-232-copper rate:25% until:2027-01-01',
  ],
  run: async ({ id, ...o }, ctx): Promise<Reply> => {
    const data = ctx.store.read();
    const event = data.events.find((e) => e.id === id);
    const measure = event ? undefined : data.measures.find((m) => m.id === id);
    if (!event && !measure)
      return errorReply(
        `No event or measure has id \`${id}\`. Nothing was changed.`,
        'Find ids with `/trade events <words>` or `/trade tariffs`.',
      );
    if (Object.values(o).every((v) => v === undefined))
      return errorReply(
        'Give at least one field to change. Nothing was changed.',
        `Example: \`/trade edit ${id} status:${event ? 'held' : 'expired'}\``,
      );
    try {
      return event ? await editEvent(event, o, ctx) : await editMeasure(measure as TariffMeasure, o, ctx);
    } catch (err) {
      if (err instanceof CatalogError) return errorReply(`${err.message} Nothing was changed.`);
      throw err;
    }
  },
});
