import { countryInSentence, imposer } from '../domain/country-names.js';
import { AUTHORITY_LABELS, type TariffMeasure } from '../domain/measure.js';
import { momentStartMs } from '../domain/moment.js';
import { isAllDay, type Moment } from '../domain/primitives.js';
import { rateText, type TariffStack } from '../domain/stack.js';
import { measurePending, OUTCOME_PENDING } from '../domain/staleness.js';
import { code, day, link, type Rich, type Span, strong, time } from '../render/reply.js';

/** A moment as a span: a date for all-day moments, an instant otherwise. */
export function momentSpan(m: Moment): Span {
  return isAllDay(m) ? day(m.date) : time(momentStartMs(m), 'datetime', m.timeZone);
}

/** "10% across the board on goods from China (Section 122 10%)"; a part resting on an unverified measure says so. */
export function stackHeadline(stack: TariffStack, nowMs = stack.atMs): Rich {
  const who = countryInSentence(stack.country);
  if (stack.allGoods.length === 0) return [`No across-the-board tariff on goods from ${who} is in force.`];
  const parts = stack.allGoods
    .map(
      (m) =>
        `${AUTHORITY_LABELS[m.authority]} ${rateText(m)}${m.confidence === 'unverified' ? ' ⚠ unverified' : ''}${measurePending(m, nowMs) ? ` ⚠ ${OUTCOME_PENDING}` : ''}`,
    )
    .join(' + ');
  return [strong(`${stack.totalPercent}%`), ` across the board on goods from ${who} (${parts})`];
}

/** "US tariffs on goods from China", "China's tariffs on goods from the United States": who taxes whose goods. */
export function stackTitle(stack: TariffStack): string {
  const by: string[] = [];
  for (const list of stack.byAuthority.values())
    for (const m of list) if (!by.includes(m.imposing)) by.push(m.imposing);
  const goods = `tariffs on goods from ${countryInSentence(stack.country)}`;
  if (by.length === 1) return `${imposer(by[0] as string)} ${goods}`;
  const names = by.map(countryInSentence);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : '';
  return `Tariffs on goods from ${countryInSentence(stack.country)}${list ? `, imposed by ${list}` : ''}`;
}

/** "9 Section 301 measures, 1 Section 232 measure": how many product-specific measures, by authority. */
export function productCounts(stack: TariffStack): string {
  const counts: string[] = [];
  for (const [a, list] of stack.byAuthority) {
    let n = 0;
    for (const m of list) if (m.coverage === 'some-goods') n++;
    if (n > 0) counts.push(`${n} ${AUTHORITY_LABELS[a]} measure${n === 1 ? '' : 's'}`);
  }
  return counts.join(', ') || 'none';
}

/** A measure's line without and with the note that its date passed with no outcome recorded, built once each. */
interface MeasureLines {
  plain?: Rich;
  pending?: Rich;
}

// Lines by measure identity: stored measures are replaced, never changed, and nothing in a line but the pending
// note depends on the clock (the same derived data per store revision as the timeline's rows). The lines are frozen,
// as every answer that lists the measure shares them.
const measureLines = new WeakMap<TariffMeasure, MeasureLines>();

/** One measure: rate, title, dates, first source and id; at `nowMs`, a date passed with no outcome is flagged. */
export function measureLine(m: TariffMeasure, nowMs?: number): Rich {
  const pending = nowMs !== undefined && measurePending(m, nowMs) !== undefined;
  let lines = measureLines.get(m);
  if (!lines) {
    lines = {};
    measureLines.set(m, lines);
  }
  if (pending) {
    lines.pending ??= buildMeasureLine(m, true);
    return lines.pending;
  }
  lines.plain ??= buildMeasureLine(m, false);
  return lines.plain;
}

function buildMeasureLine(m: TariffMeasure, pending: boolean): Rich {
  const src = m.sources[0];
  const line: Span[] = [strong(rateText(m)), ` — ${m.title}`];
  if (m.from) line.push(' · since ', momentSpan(m.from));
  if (m.until) line.push(' · until ', momentSpan(m.until));
  if (m.confidence === 'unverified') line.push(' · ⚠ unverified');
  if (pending) line.push(` · ⚠ ${OUTCOME_PENDING}`);
  if (src) line.push(' · ', link(src.url, 'source'));
  line.push(' · ', code(m.id));
  for (const span of line) Object.freeze(span);
  return Object.freeze(line);
}
