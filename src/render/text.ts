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
 * The lines of a reply as the terminal prints it, in order; an intro's line breaks stay inside its entry. Lazy, so
 * a caller that needs only the first lines (Slack's notification text) renders only those.
 */
export function* textLines(reply: Reply, o: TextOptions): Generator<string, void, undefined> {
  const mark = reply.tone === 'error' ? '✖ ' : reply.tone === 'warning' ? '⚠ ' : '';
  yield terminalLine(`${mark}${reply.title}`);
  if (reply.intro) yield terminalLine(richText(reply.intro, o), true);
  for (const section of reply.sections) {
    yield '';
    if (section.heading) yield terminalLine(section.heading);
    for (const line of section.lines ?? []) yield terminalLine(`  • ${richText(line, o)}`);
    for (const f of section.fields ?? []) yield terminalLine(`  ${f.label}: ${richText(f.value, o)}`);
    if (section.more) yield `  … and ${section.more} more`;
  }
  if (reply.context?.length) {
    yield '';
    for (const line of reply.context) yield terminalLine(richText(line, o));
  }
  // The terminal has no buttons: each action is shown as the command that does the same (no forms either).
  const actions = withoutForms(reply.actions);
  if (actions.length) {
    yield '';
    yield terminalLine(actions.map((a) => `${a.label}: ${a.command}`).join(' · '));
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
  return [...textLines(reply, o)].join('\n');
}

/**
 * The first `n` non-blank lines of `renderText(reply, o)` (split at every line break, empty lines skipped),
 * rendering no more of the reply than they need.
 */
export function firstTextLines(reply: Reply, o: TextOptions, n: number): string[] {
  const out: string[] = [];
  if (n <= 0) return out;
  for (const entry of textLines(reply, o)) {
    if (!entry.includes('\n')) {
      // Most entries are one line: no array made to hold it.
      if (!entry) continue;
      out.push(entry);
      if (out.length >= n) return out;
      continue;
    }
    for (const line of entry.split('\n')) {
      if (!line) continue;
      out.push(line);
      if (out.length >= n) return out;
    }
  }
  return out;
}
