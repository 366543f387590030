import { AUTHORITY_LABELS, type TariffMeasure } from '../domain/measure.js';
import { countryName } from '../domain/primitives.js';
import { rateText } from '../domain/stack.js';
import { measurePending, OUTCOME_PENDING } from '../domain/staleness.js';
import { type Field, link, type Reply } from '../render/reply.js';
import { momentSpan } from './stack-lines.js';

/** "United States on China, Hong Kong" or "China on every country but itself". */
export function whoOnWhom(m: TariffMeasure): string {
  const on =
    m.targets === 'all'
      ? `goods from every country but ${countryName(m.imposing)}`
      : `goods from ${m.targets.map(countryName).join(', ')}`;
  return `${countryName(m.imposing)} on ${on}`;
}

/** A measure's status at `nowMs`, with the note when its date passed and no outcome is recorded. */
export function measureStatus(m: TariffMeasure, nowMs: number): string {
  return measurePending(m, nowMs) ? `${m.status} · ⚠ ${OUTCOME_PENDING}` : m.status;
}

/** Details of one measure: who imposes it on whom, authority, rate, coverage, scope, dates, status, sources. */
export function measureReply(m: TariffMeasure, nowMs: number): Reply {
  const fields: Field[] = [
    { label: 'Imposed by', value: [whoOnWhom(m)] },
    { label: 'Authority', value: [AUTHORITY_LABELS[m.authority]] },
    { label: 'Rate', value: [rateText(m)] },
    {
      label: 'Coverage',
      value: [m.coverage === 'all-goods' ? 'all goods (across the board)' : 'some goods (see scope)'],
    },
  ];
  if (m.scope) fields.push({ label: 'Scope', value: [m.scope] });
  if (m.hts?.length) fields.push({ label: 'HTS headings', value: [m.hts.join(', ')] });
  fields.push({ label: 'In force from', value: m.from ? [momentSpan(m.from)] : ['not recorded'] });
  fields.push({ label: 'Until', value: m.until ? [momentSpan(m.until)] : ['no end date'] });
  fields.push({ label: 'Status', value: [measureStatus(m, nowMs)] });
  fields.push({ label: 'Confidence', value: [m.confidence] });
  return {
    title: m.title,
    intro: m.summary ? [m.summary] : undefined,
    sections: [{ fields }, { heading: 'Sources', lines: m.sources.map((s) => [link(s.url, s.title)]) }],
    context: [
      [
        `id: ${m.id}`,
        m.confidence === 'unverified' ? ' · ⚠ some details are unverified: check the sources' : '',
      ],
    ],
    visibility: 'ephemeral',
  };
}
