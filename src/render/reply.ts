/**
 * The platform-neutral reply: what a command answers and what the scheduler posts.
 * Instants stay instants so each platform shows them in the viewer's own time zone
 * (Slack `<!date^…>`, Discord `<t:…>`, the terminal in its configured zone).
 */

/** How an instant is shown: a date, a date and time, a countdown, or both. */
export type TimeStyle = 'date' | 'datetime' | 'relative' | 'datetime+relative' | 'date+relative';

export type Span =
  | string
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'link'; readonly url: string; readonly label: string }
  /** An exact instant; `zone` is where the item happens, shown beside the viewer's own time. */
  | { readonly kind: 'time'; readonly ms: number; readonly style: TimeStyle; readonly zone?: string }
  /** A calendar date (all-day item): the same date for every viewer, never shifted by time zone. */
  | { readonly kind: 'day'; readonly date: string; readonly endDate?: string };

/** One line of rich text. */
export type Rich = readonly Span[];

export interface Field {
  readonly label: string;
  readonly value: Rich;
}

export interface Section {
  readonly heading?: string;
  readonly lines?: readonly Rich[];
  readonly fields?: readonly Field[];
  /** Items left out for length: rendered as "and N more". */
  readonly more?: number;
  /** Buttons under this section; text answers leave them out (the reply's context names the command). */
  readonly actions?: readonly Action[];
}

/**
 * A button: `command` is a command line (e.g. `accept p1a2b3c`, `events page:2`) run as the person who presses
 * it, with their own rights, so a press is exactly as allowed as typing the command.
 */
export interface Action {
  readonly label: string;
  readonly command: string;
  readonly style?: 'primary' | 'danger';
  /**
   * The button opens a form of the command's options, prefilled, instead of running it; shown only where the
   * platform has forms (Slack), left out elsewhere (the reply's context names the command to type).
   */
  readonly form?: true;
}

/** The buttons a platform without forms shows: all but those that open a form. */
export const withoutForms = (actions: readonly Action[] | undefined): Action[] =>
  (actions ?? []).filter((a) => !a.form);

/**
 * A file that goes with a reply: a chart drawn as a PNG, or a calendar. Slack uploads it (files.uploadV2), Discord
 * attaches it (an image also shown in the embed), the terminal writes it to a file and prints the path.
 */
export interface ReplyFile {
  /** The file name shown to the reader, e.g. `tariffs-CN.png`, `trade-brief.ics`; letters, digits, `.-_` only. */
  readonly name: string;
  readonly mime: 'image/png' | 'text/calendar';
  readonly bytes: Uint8Array;
  /** What the file shows, in words: an image's alt text, a file's title. */
  readonly title: string;
}

export interface Reply {
  readonly title: string;
  readonly intro?: Rich;
  readonly sections: readonly Section[];
  /** Small print under the reply: sources, confidence notes, hints. */
  readonly context?: readonly Rich[];
  /** Ephemeral replies are shown only to the person who asked. */
  readonly visibility: 'ephemeral' | 'public';
  readonly tone?: 'info' | 'error' | 'warning';
  /** Buttons under the reply (Accept, More, …); the terminal shows them as the commands to type. */
  readonly actions?: readonly Action[];
  /** Files sent with the reply (a chart, a calendar); a platform that cannot send one says so in words. */
  readonly files?: readonly ReplyFile[];
  /**
   * Text the terminal and CLI print as it is, instead of the rendered reply (a calendar asked for with
   * `format:ics`, so it can be piped to a file); chat platforms show the reply and its files.
   */
  readonly verbatim?: string;
}

export const strong = (text: string): Span => ({ kind: 'strong', text });
export const code = (text: string): Span => ({ kind: 'code', text });
export const link = (url: string, label: string): Span => ({ kind: 'link', url, label });
export const day = (date: string, endDate?: string): Span =>
  endDate === undefined || endDate === date ? { kind: 'day', date } : { kind: 'day', date, endDate };
export const time = (ms: number, style: TimeStyle, zone?: string): Span =>
  zone === undefined ? { kind: 'time', ms, style } : { kind: 'time', ms, style, zone };

/** The line that stands in for a button a platform could not show: its label and the command to type. */
export const actionHint = (a: Action): Rich => [`${a.label}: `, code(`/trade ${a.command}`)];

/** A short ephemeral reply explaining a mistake; nothing was changed. */
export function errorReply(message: string, hint?: string): Reply {
  return {
    title: 'Sorry, that did not work',
    intro: [message],
    sections: [],
    context: hint ? [[hint]] : undefined,
    visibility: 'ephemeral',
    tone: 'error',
  };
}
