import { AUTHORITY_LABELS, type TariffMeasure } from '../domain/measure.js';
import { momentStartMs } from '../domain/moment.js';
import { countryName, isAllDay, type Moment } from '../domain/primitives.js';
import { rateText, type TariffStack } from '../domain/stack.js';
import { measurePending, OUTCOME_PENDING } from '../domain/staleness.js';
import { code, day, link, type Rich, type Span, strong, time } from '../render/reply.js';

/** A moment as a span: a date for all-day moments, an instant otherwise. */
export function momentSpan(m: Moment): Span {
  return isAllDay(m) ? day(m.date) : time(momentStartMs(m), 'datetime', m.timeZone);
}

/** "10% across the board (Section 122 10%)" for a stack; a part resting on an unverified measure says so. */
export function stackHeadline(stack: TariffStack, nowMs = stack.atMs): Rich {
  const who = countryName(stack.country);
  if (stack.allGoods.length === 0) return [`No across-the-board tariff on goods from ${who} is in force.`];
  const parts = stack.allGoods
    .map(
      (m) =>
        `${AUTHORITY_LABELS[m.authority]} ${rateText(m)}${m.confidence === 'unverified' ? ' ⚠ unverified' : ''}${measurePending(m, nowMs) ? ` ⚠ ${OUTCOME_PENDING}` : ''}`,
    )
    .join(' + ');
  return [strong(`${stack.totalPercent}%`), ` across the board on goods from ${who} (${parts})`];
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
