/**
 * Characters that change how text is shown rather than what it says: C0 controls and DEL (terminal escape
 * sequences start with ESC, CR and LF forge lines), C1 controls (U+0080-U+009F, CSI and OSC in one byte),
 * bidi overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), line and paragraph
 * separators (U+2028, U+2029) and invisible characters that hide text (U+200B, U+2060, U+FEFF).
 * Tab and the joiners U+200C/U+200D (used by scripts and emoji) are not among them.
 */
// Built from text: the character class is the point, and a regex literal of control characters trips the linter.
const OTHER = String.raw`\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff`;
/** The characters escapeControls replaces, as the body of a regex character class (with and without \n). */
export const UNSAFE_CLASS = String.raw`\u0000-\u0008\u000a-\u001f${OTHER}`;
export const UNSAFE_BUT_NEWLINE_CLASS = String.raw`\u0000-\u0008\u000b-\u001f${OTHER}`;
const UNSAFE_ALL = new RegExp(`[${UNSAFE_CLASS}]`, 'g');
const UNSAFE_BUT_NEWLINE = new RegExp(`[${UNSAFE_BUT_NEWLINE_CLASS}]`, 'g');

/** The character as people read it in a message: U+001B. */
export const codePoint = (ch: string): string =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `text` that is not plain text (a line break counts only when `newlines` is false). */
export function firstControlChar(text: string, newlines = false): string | undefined {
  const re = newlines ? UNSAFE_BUT_NEWLINE : UNSAFE_ALL;
  re.lastIndex = 0;
  return re.exec(text)?.[0];
}

/** A visible stand-in for a control character: \n, \r, or \u{1B}-style hex. */
function visible(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
}

/** Text with every control, bidi and invisible character replaced by a visible escape; `newlines` keeps \n. */
export function escapeControls(text: string, newlines = false): string {
  const re = newlines ? UNSAFE_BUT_NEWLINE : UNSAFE_ALL;
  re.lastIndex = 0;
  return re.test(text) ? text.replace(re, visible) : text;
}
