import { escapeControls, UNSAFE_BUT_NEWLINE_CLASS, UNSAFE_CLASS } from '../../domain/control-chars.js';
import { renderedOnce } from '../../render/frozen-lines.js';
import type { Rich, Span } from '../../render/reply.js';
import { formatDays } from '../../render/text.js';

/**
 * Text made inert: no bold, italics, strikes, spoilers, quotes, links or headings injected; mentions are
 * also disabled per message (allowed_mentions). Inline code is left alone: our own messages use it.
 * Control, bidi and invisible characters are shown as visible escapes (line breaks too, unless `multiline`).
 * One pass of a few regular expressions: this runs on every line of every reply.
 */
export const escapeDiscord = (raw: string, multiline = false): string =>
  // Most text needs neither kind of escape: one scan finds out.
  (multiline ? SPECIAL_MULTILINE : SPECIAL).test(raw) ? inert(escapeControls(raw, multiline)) : raw;

/** A character escapeDiscord changes or looks at further: a control character (but \n in multiline text), markdown. */
const MARKDOWN_CLASS = String.raw`\\*_~|>[\]#@-`;
const SPECIAL = new RegExp(`[${UNSAFE_CLASS}${MARKDOWN_CLASS}]`);
const SPECIAL_MULTILINE = new RegExp(`[${UNSAFE_BUT_NEWLINE_CLASS}${MARKDOWN_CLASS}]`);
const MARKDOWN = new RegExp(`[${MARKDOWN_CLASS}]`);

const inert = (text: string): string =>
  MARKDOWN.test(text)
    ? text
        .replace(/[\\*_~|[\]]/g, '\\$&')
        .replace(/^(\s*)(>|#{1,3} |-# |- )/gm, '$1\\$2')
        .replace(/@(everyone|here)/g, '@\u200b$1')
    : text;

/** Discord's timestamp tokens, shown in each member's own zone; `R` is a live countdown. */
function timestamp(ms: number, style: string): string {
  const unix = Math.floor(ms / 1000);
  switch (style) {
    case 'date':
      return `<t:${unix}:D>`;
    case 'relative':
      return `<t:${unix}:R>`;
    case 'date+relative':
      return `<t:${unix}:D> (<t:${unix}:R>)`;
    case 'datetime+relative':
      return `<t:${unix}:F> (<t:${unix}:R>)`;
    default:
      return `<t:${unix}:F>`;
  }
}

function span(s: Span, multiline: boolean): string {
  if (typeof s === 'string') return escapeDiscord(s, multiline);
  switch (s.kind) {
    case 'strong':
      return `**${escapeDiscord(s.text)}**`;
    case 'code':
      return `\`${escapeControls(s.text).replace(/`/g, "'")}\``;
    case 'link':
      return `[${escapeDiscord(s.label).replace(/[[\]]/g, '')}](<${s.url.replace(/[<>()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>)`;
    case 'day':
      return formatDays(s.date, s.endDate);
    case 'time':
      return timestamp(s.ms, s.style);
  }
}

function renderLine(line: Rich, multiline: boolean): string {
  let out = '';
  for (const s of line) out += span(s, multiline);
  return out;
}

const sharedLine = renderedOnce((line) => renderLine(line, false));

/** One line of rich text as Discord markdown; only a `multiline` one (a reply's intro) keeps stored line breaks. */
export const discordMarkdown = (line: Rich, multiline = false): string =>
  multiline ? renderLine(line, true) : sharedLine(line);
