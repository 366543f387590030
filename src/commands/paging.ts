import { type Action, code, type Rich } from '../render/reply.js';
import { int } from './options.js';

/** Lines on one page of a list. */
export const PAGE_SIZE = 15;

/** The `page:` option of a paged list. */
export const pageOption = () =>
  int({ description: 'Which page of a long list (15 a page)', min: 1, max: 1000, default: 1 });

type Value = string | number | readonly string[] | undefined;

/** A value as the lexer reads it back: bare when it is one plain word, else quoted with \ escapes. */
function quoted(value: string): string {
  return /^[^\s"'“”‘’\\]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** A command line from a name and option values, leaving out unset ones: `events text:"paris talks" page:2`. */
export function commandLine(name: string, options: Readonly<Record<string, Value>>): string {
  const parts = [name];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const text = typeof value === 'object' ? value.join(',') : String(value);
    if (text !== '') parts.push(`${key}:${quoted(text)}`);
  }
  return parts.join(' ');
}

export interface Page<T> {
  readonly shown: readonly T[];
  /** "Page 1 of 4 — next: `/trade events page:2`", or nothing when everything fits on one page. */
  readonly context: readonly Rich[];
  /** The "More" button for the next page: an ordinary action running the command that shows it. */
  readonly actions: readonly Action[];
}

/**
 * Page `page` (from 1; past the end shows the last) of `all`, with the hint and the action for the next page;
 * `command(n)` is the command line that shows page n.
 */
export function paged<T>(all: readonly T[], page: number, command: (page: number) => string): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const at = Math.min(Math.max(1, page), pages);
  const shown = all.slice((at - 1) * PAGE_SIZE, at * PAGE_SIZE);
  if (pages === 1) return { shown, context: [], actions: [] };
  if (at === pages) return { shown, context: [[`Page ${at} of ${pages}.`]], actions: [] };
  const next = command(at + 1);
  return {
    shown,
    context: [[`Page ${at} of ${pages} — `, code(`/trade ${next}`)]],
    actions: [{ label: `More (page ${at + 1} of ${pages})`, command: next }],
  };
}
