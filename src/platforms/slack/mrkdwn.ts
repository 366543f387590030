import { escapeControls, UNSAFE_BUT_NEWLINE_CLASS, UNSAFE_CLASS } from '../../domain/control-chars.js';
import { formatInstant } from '../../domain/time.js';
import type { Rich, Span } from '../../render/reply.js';
import { formatDays } from '../../render/text.js';

/** A character escapeSlack changes or looks at further: a control character (but \n in multiline text), & < > @. */
const SPECIAL = new RegExp(`[${UNSAFE_CLASS}&<>@]`);
const SPECIAL_MULTILINE = new RegExp(`[${UNSAFE_BUT_NEWLINE_CLASS}&<>@]`);

/**
 * Escapes text for Slack mrkdwn: &, < and >, so stored text can never form a link or a mention; control,
 * bidi and invisible characters are shown as visible escapes (line breaks too, unless `multiline`).
 */
export function escapeSlack(raw: string, multiline = false): string {
  // Most text needs neither kind of escape: one scan finds out.
  if (!(multiline ? SPECIAL_MULTILINE : SPECIAL).test(raw)) return raw;
  const text = escapeControls(raw, multiline);
  if (!/[&<>@]/.test(text)) return text;
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Plain @channel / @here / @everyone only notify with link_names, which we never set; a zero-width
      // space keeps them inert even if a client starts parsing them.
      .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1')
  );
}

/** A URL safe inside `<url|label>`. */
const safeUrl = (url: string) => url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');

/** Date tokens by style (date, date and time), fallback zone and instant; at most MAX_DATE_TOKENS in all. */
const dateTokens = [new Map<string, Map<number, string>>(), new Map<string, Map<number, string>>()];
let dateTokenCount = 0;
const MAX_DATE_TOKENS = 50_000;

/** Slack's date token: shown in each reader's own zone, with a fallback for old clients. Memoized. */
export function slackDate(ms: number, withTime: boolean, fallbackZone = 'UTC'): string {
  const byZone = dateTokens[withTime ? 1 : 0] as Map<string, Map<number, string>>;
  let byMs = byZone.get(fallbackZone);
  let token = byMs?.get(ms);
  if (token === undefined) {
    const fmt = withTime ? '{date_short_pretty} {time}' : '{date_short_pretty}';
    const fallback = formatInstant(ms, fallbackZone, withTime ? 'datetime' : 'date');
    token = `<!date^${Math.floor(ms / 1000)}^${fmt}|${escapeSlack(fallback)}>`;
    if (dateTokenCount >= MAX_DATE_TOKENS) {
      for (const m of dateTokens) m.clear();
      dateTokenCount = 0;
      byMs = undefined;
    }
    if (!byMs) {
      byMs = new Map();
      byZone.set(fallbackZone, byMs);
    }
    byMs.set(ms, token);
    dateTokenCount++;
  }
  return token;
}

function span(s: Span, multiline: boolean): string {
  if (typeof s === 'string') return escapeSlack(s, multiline);
  switch (s.kind) {
    case 'strong':
      return `*${escapeSlack(s.text)}*`;
    case 'code':
      return `\`${escapeSlack(s.text).replace(/`/g, "'")}\``;
    case 'link':
      return `<${safeUrl(s.url)}|${escapeSlack(s.label).replace(/\|/g, '¦')}>`;
    case 'day':
      return escapeSlack(formatDays(s.date, s.endDate));
    case 'time':
      return slackDate(s.ms, s.style !== 'date' && s.style !== 'date+relative', s.zone);
  }
}

/**
 * One line of rich text as Slack mrkdwn; only a `multiline` one (a reply's intro) keeps stored line breaks. Rendered
 * each time: what a frozen line renders to is kept once, as the JSON the message holds (block-kit.ts).
 */
export function mrkdwn(line: Rich, multiline = false): string {
  let out = '';
  for (const s of line) out += span(s, multiline);
  return out;
}
