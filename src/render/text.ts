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
export const richText = (line: Rich, o: TextOptions): string => line.map((s) => span(s, o)).join('');

/**
 * A line as a terminal may print it: control, bidi and invisible characters shown as visible escapes, line
 * breaks too, except in a `multiline` one (a reply's intro: a summary), where they are indented, so stored
 * text can never forge a line of its own.
 */
const terminalLine = (line: string, multiline = false): string =>
  multiline ? escapeControls(line, true).replace(/\n/g, '\n    ') : escapeControls(line);

/** A reply as the terminal prints it: title, sections with bullets, small print last; stored text escaped. */
export function renderText(reply: Reply, o: TextOptions): string {
  // Printed as it is, CRLF line ends kept; any other control character still shown as an escape.
  if (reply.verbatim !== undefined)
    return reply.verbatim
      .split('\r\n')
      .map((l) => escapeControls(l))
      .join('\r\n');
  const out: string[] = [];
  const mark = reply.tone === 'error' ? '✖ ' : reply.tone === 'warning' ? '⚠ ' : '';
  out.push(terminalLine(`${mark}${reply.title}`));
  if (reply.intro) out.push(terminalLine(richText(reply.intro, o), true));
  for (const section of reply.sections) {
    out.push('');
    if (section.heading) out.push(terminalLine(section.heading));
    for (const line of section.lines ?? []) out.push(terminalLine(`  • ${richText(line, o)}`));
    for (const f of section.fields ?? []) out.push(terminalLine(`  ${f.label}: ${richText(f.value, o)}`));
    if (section.more) out.push(`  … and ${section.more} more`);
  }
  if (reply.context?.length) {
    out.push('');
    for (const line of reply.context) out.push(terminalLine(richText(line, o)));
  }
  // The terminal has no buttons: each action is shown as the command that does the same (no forms either).
  const actions = withoutForms(reply.actions);
  if (actions.length) out.push('', terminalLine(actions.map((a) => `${a.label}: ${a.command}`).join(' · ')));
  return out.join('\n');
}
