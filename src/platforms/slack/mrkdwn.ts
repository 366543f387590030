import { escapeControls } from '../../domain/control-chars.js';
import { formatInstant } from '../../domain/time.js';
import type { Rich, Span } from '../../render/reply.js';
import { formatDays } from '../../render/text.js';

/**
 * Escapes text for Slack mrkdwn: &, < and >, so stored text can never form a link or a mention; control,
 * bidi and invisible characters are shown as visible escapes (line breaks too, unless `multiline`).
 */
export function escapeSlack(raw: string, multiline = false): string {
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

const dateTokens = new Map<string, string>();

/** Slack's date token: shown in each reader's own zone, with a fallback for old clients. Memoized. */
export function slackDate(ms: number, withTime: boolean, fallbackZone = 'UTC'): string {
  const key = `${ms}|${withTime}|${fallbackZone}`;
  let token = dateTokens.get(key);
  if (token === undefined) {
    const fmt = withTime ? '{date_short_pretty} {time}' : '{date_short_pretty}';
    const fallback = formatInstant(ms, fallbackZone, withTime ? 'datetime' : 'date');
    token = `<!date^${Math.floor(ms / 1000)}^${fmt}|${escapeSlack(fallback)}>`;
    if (dateTokens.size > 50_000) dateTokens.clear();
    dateTokens.set(key, token);
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

/** One line of rich text as Slack mrkdwn; only a `multiline` one (a reply's intro) keeps stored line breaks. */
export const mrkdwn = (line: Rich, multiline = false): string => line.map((s) => span(s, multiline)).join('');
