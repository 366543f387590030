import type { Bot } from '../../bot.js';
import { escapeControls } from '../../domain/control-chars.js';
import { EVENT_KINDS } from '../../domain/event.js';
import { countryName, isCountryCode } from '../../domain/primitives.js';

const MAX = 25;
const clip = (s: string) => (s.length <= 100 ? s : `${s.slice(0, 99)}…`);

/** Common codes first; any valid code typed in full is offered too. */
const COUNTRIES = [
  'CN',
  'US',
  'EU',
  'HK',
  'TW',
  'JP',
  'KR',
  'IN',
  'MX',
  'CA',
  'VN',
  'SG',
  'MY',
  'TH',
  'ID',
  'GB',
  'DE',
  'FR',
  'CH',
  'NO',
  'KH',
  'BD',
  'BR',
  'AU',
];

/** Choices for a focused option: events by id or name, countries, or kinds; at most 25. */
export function autocompleteChoices(bot: Bot, kind: 'event' | 'country' | 'kind', typed: string) {
  const q = typed.trim().toLowerCase();
  // Lists (kinds:summit,dead) complete their last entry; the ones before it are kept.
  const last = q.split(/[\s,]+/).at(-1) ?? '';
  if (kind === 'kind') {
    const prefix = q.slice(0, q.length - last.length);
    return EVENT_KINDS.filter((k) => k.includes(last))
      .slice(0, MAX)
      .map((k) => ({ name: clip(`${prefix}${k}`), value: `${prefix}${k}` }));
  }
  if (kind === 'country') {
    const prefix = q.slice(0, q.length - last.length).toUpperCase();
    const codes = new Set(
      COUNTRIES.filter(
        (c) => c.toLowerCase().startsWith(last) || countryName(c).toLowerCase().startsWith(last),
      ),
    );
    if (isCountryCode(last.toUpperCase())) codes.add(last.toUpperCase());
    return [...codes]
      .slice(0, MAX)
      .map((c) => ({ name: clip(`${prefix}${c} — ${countryName(c)}`), value: `${prefix}${c}` }));
  }
  const now = bot.clock.now();
  const items = bot.timeline().items;
  const words = q.split(/\s+/).filter(Boolean);
  const hits = items.filter((it) =>
    words.every((w) => it.id.includes(w) || it.title.toLowerCase().includes(w)),
  );
  // Upcoming first (soonest), then the most recent past ones.
  hits.sort((a, b) => {
    const af = a.startMs >= now;
    const bf = b.startMs >= now;
    if (af !== bf) return af ? -1 : 1;
    return af ? a.startMs - b.startMs : b.startMs - a.startMs;
  });
  return hits
    .slice(0, MAX)
    .map((it) => ({ name: clip(escapeControls(`${it.title} (${it.id})`)), value: it.id.slice(0, 100) }));
}
