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

/** One measure: rate, title, dates, first source and id; at `nowMs`, a date passed with no outcome is flagged. */
export function measureLine(m: TariffMeasure, nowMs?: number): Rich {
  const src = m.sources[0];
  return [
    strong(rateText(m)),
    ` — ${m.title}`,
    ...(m.from ? [' · since ', momentSpan(m.from)] : []),
    ...(m.until ? [' · until ', momentSpan(m.until)] : []),
    ...(m.confidence === 'unverified' ? [' · ⚠ unverified'] : []),
    ...(nowMs !== undefined && measurePending(m, nowMs) ? [` · ⚠ ${OUTCOME_PENDING}`] : []),
    ...(src ? [' · ', link(src.url, 'source')] : []),
    ' · ',
    code(m.id),
  ];
}
