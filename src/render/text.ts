import { escapeControls } from '../domain/control-chars.js';
import { formatInstant } from '../domain/time.js';
import { type Reply, type Rich, type Span, withoutForms } from './reply.js';

export interface TextOptions {
  /** The reader's time zone. */
  readonly zone: string;
}

const dayTexts = new Map<string, string>();

/** A calendar date as 'Sun 15 Mar 2026', the same in every zone (answers cached: lists repeat the same dates). */
export function formatDay(date: string): string {
  let text = dayTexts.get(date);
  if (text === undefined) {
    text = formatInstant(Date.parse(`${date}T12:00:00Z`), 'UTC', 'date');
    if (dayTexts.size > 50_000) dayTexts.clear();
    dayTexts.set(date, text);
  }
  return text;
}

/** A date range as 'Sun 15 Mar 2026 – Mon 16 Mar 2026', or one date. */
export function formatDays(date: string, endDate?: string): string {
  return endDate && endDate !== date ? `${formatDay(date)} – ${formatDay(endDate)}` : formatDay(date);
}

function span(s: Span, o: TextOptions): string {
  if (typeof s === 'string') return s;
  switch (s.kind) {
    case 'strong':
      return s.text;
    case 'code':
      return `\`${s.text}\``;
    case 'link':
      return `${s.label} <${s.url}>`;
    case 'day':
      return formatDays(s.date, s.endDate);
    case 'time':
      return formatInstant(
        s.ms,
        o.zone,
        s.style.startsWith('date+') || s.style === 'date' ? 'date' : 'datetime',
      );
  }
}

/** One line of rich text as plain text. */
export function richText(line: Rich, o: TextOptions): string {
  let out = '';
  for (const s of line) out += span(s, o);
  return out;
}

/**
 * A line as a terminal may print it: control, bidi and invisible characters shown as visible escapes, line
 * breaks too, except in a `multiline` one (a reply's intro: a summary), where they are indented, so stored
 * text can never forge a line of its own.
 */
const terminalLine = (line: string, multiline = false): string =>
  multiline ? escapeControls(line, true).replace(/\n/g, '\n    ') : escapeControls(line);

/**
 * The lines of a reply as the terminal prints it, in order, each handed to `take` until it answers true (it has
 * enough); an intro's line breaks stay inside its entry. A caller that needs only the first lines (Slack's
 * notification text) so renders only those.
 */
function eachTextLine(reply: Reply, o: TextOptions, take: (entry: string) => boolean): void {
  const mark = reply.tone === 'error' ? '✖ ' : reply.tone === 'warning' ? '⚠ ' : '';
  if (take(terminalLine(`${mark}${reply.title}`))) return;
  if (reply.intro && take(terminalLine(richText(reply.intro, o), true))) return;
  for (const section of reply.sections) {
    if (take('')) return;
    if (section.heading && take(terminalLine(section.heading))) return;
    if (section.lines)
      for (const line of section.lines) if (take(terminalLine(`  • ${richText(line, o)}`))) return;
    if (section.fields)
      for (const f of section.fields) if (take(terminalLine(`  ${f.label}: ${richText(f.value, o)}`))) return;
    if (section.more && take(`  … and ${section.more} more`)) return;
  }
  if (reply.context?.length) {
    if (take('')) return;
    for (const line of reply.context) if (take(terminalLine(richText(line, o)))) return;
  }
  // The terminal has no buttons: each action is shown as the command that does the same (no forms either).
  const actions = withoutForms(reply.actions);
  if (actions.length) {
    if (take('')) return;
    take(terminalLine(actions.map((a) => `${a.label}: ${a.command}`).join(' · ')));
  }
}

/** A reply as the terminal prints it: title, sections with bullets, small print last; stored text escaped. */
export function renderText(reply: Reply, o: TextOptions): string {
  // Printed as it is, CRLF line ends kept; any other control character still shown as an escape.
  if (reply.verbatim !== undefined)
    return reply.verbatim
      .split('\r\n')
      .map((l) => escapeControls(l))
      .join('\r\n');
  const lines: string[] = [];
  eachTextLine(reply, o, (entry) => {
    lines.push(entry);
    return false;
  });
  return lines.join('\n');
}

/**
 * The first `n` non-blank lines of `renderText(reply, o)` (split at every line break, empty lines skipped),
 * rendering no more of the reply than they need.
 */
export function firstTextLines(reply: Reply, o: TextOptions, n: number): string[] {
  const out: string[] = [];
  if (n <= 0) return out;
  eachTextLine(reply, o, (entry) => {
    if (!entry.includes('\n')) {
      // Most entries are one line: no array made to hold it.
      if (entry) out.push(entry);
      return out.length >= n;
    }
    for (const line of entry.split('\n')) {
      if (!line) continue;
      out.push(line);
      if (out.length >= n) return true;
    }
    return false;
  });
  return out;
}
