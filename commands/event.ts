import { defineCommand } from '../src/commands/define.js';
import { itemCountdown, itemFlags, venueAndReaderTime, whenSpan } from '../src/commands/item-lines.js';
import { measureReply, measureStatus, whoOnWhom } from '../src/commands/measure-reply.js';
import { itemRef } from '../src/commands/options.js';
import { resolveOrReply } from '../src/commands/resolve-reply.js';
import { measureLine, momentSpan } from '../src/commands/stack-lines.js';
import { AUTHORITY_LABELS } from '../src/domain/measure.js';
import { countryName } from '../src/domain/primitives.js';
import { itemPending, OUTCOME_PENDING } from '../src/domain/staleness.js';
import { statusAt, type TimelineItem } from '../src/domain/timeline-item.js';
import { type Field, link, type Reply } from '../src/render/reply.js';

/** The status a reader sees: as recorded, with the note when the date passed and no outcome is recorded. */
function statusText(item: TimelineItem, now: number): string {
  if (item.origin.type === 'measure') return measureStatus(item.origin.measure, now);
  const p = itemPending(item, now);
  return p ? `${p.status} · ⚠ ${OUTCOME_PENDING}` : statusAt(item, now);
}

export default defineCommand({
  name: 'event',
  description: 'Details, times and sources of one event or measure',
  options: { id: itemRef({ description: 'The id, or the start of the name', required: true, rest: true }) },
  positional: ['id'],
  access: 'everyone',
  examples: ['event paris-talks-2026', 'event beijing summit'],
  run: ({ id }, ctx): Reply => {
    // A measure's own id opens the measure (its start and end rows have ids of their own).
    const measure = ctx.timeline().measure(id.trim().toLowerCase());
    if (measure) return measureReply(measure, ctx.now());
    const found = resolveOrReply(ctx, id);
    if ('reply' in found) return found.reply;
    const { item } = found;
    const now = ctx.now();
    // Dates of all-day items are the same everywhere; an instant is shown where it happens and in the reader's zone.
    const when = item.days
      ? [whenSpan(item), ` (${item.zone})`]
      : venueAndReaderTime(item.startMs, item.zone);
    const fields: Field[] = [
      { label: 'When', value: [...when, ` · ${itemCountdown(item, now)}`] },
      { label: 'Status', value: [statusText(item, now)] },
      { label: 'Kind', value: [item.kind] },
      { label: 'Countries', value: [item.countries.map(countryName).join(', ')] },
      { label: 'Confidence', value: [item.confidence] },
    ];
    let summary: string | undefined;
    if (item.origin.type === 'event') {
      const e = item.origin.event;
      if (!item.days && item.endMs > item.startMs)
        fields.splice(1, 0, { label: 'Ends', value: venueAndReaderTime(item.endMs, item.zone) });
      if (e.location) fields.push({ label: 'Where', value: [e.location] });
      if (e.participants.length) fields.push({ label: 'Who', value: [e.participants.join(', ')] });
      summary = e.summary;
    } else {
      const m = item.origin.measure;
      fields.push({ label: 'Measure', value: measureLine(m, now) });
      fields.push({ label: 'Imposed by', value: [whoOnWhom(m)] });
      fields.push({ label: 'Authority', value: [AUTHORITY_LABELS[m.authority]] });
      if (m.from) fields.push({ label: 'In force from', value: [momentSpan(m.from)] });
      if (m.until) fields.push({ label: 'Until', value: [momentSpan(m.until)] });
      summary = m.summary ?? m.scope;
    }
    const flags = itemFlags(item, now).filter((f) => f.includes('unverified'));
    return {
      title: item.title,
      intro: summary ? [summary] : undefined,
      sections: [{ fields }, { heading: 'Sources', lines: item.sources.map((s) => [link(s.url, s.title)]) }],
      context: [
        [`id: ${item.id}`, flags.length ? ' · ⚠ some details are unverified: check the sources' : ''],
      ],
      visibility: 'ephemeral',
    };
  },
});
