/** Splits command text into bare words and key:value tokens, with quoting. */

export type Token = { key?: string; value: string; quoted: boolean; start: number };
export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: string };

export const MAX_COMMAND_LENGTH = 2000;

/** Opening quote -> the characters that close it (smart quotes from Slack and macOS included). */
const CLOSERS: Record<string, string> = { '"': '"', "'": "'", '“': '”“', '”': '”', '‘': '’‘' };
/**
 * The key of a `key:value` word starting at `start` (a letter, then letters, digits, _ or -, then a colon not
 * followed by `//`, so a URL is no key), or undefined; read by character codes, as /^([A-Za-z][\w-]*):(?!\/\/)/
 * on the word would.
 */
function keyAt(input: string, start: number): string | undefined {
  if (!isLetter(input.charCodeAt(start))) return undefined;
  let j = start + 1;
  for (;;) {
    const c = input.charCodeAt(j);
    if (c === 58) break; // ':'
    if (!(isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return undefined; // digit, _ or -
    j++;
  }
  if (input.charCodeAt(j + 1) === 47 && input.charCodeAt(j + 2) === 47) return undefined; // '//'
  return input.slice(start, j);
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const SPACE = /\s/;
/** Whether the UTF-16 unit at `i` is whitespace as `\s` reads it; printable ASCII by its code, without a regex. */
function isSpaceAt(input: string, i: number): boolean {
  const c = input.charCodeAt(i);
  if (c === 32) return true;
  if (c > 32 && c < 127) return false;
  return SPACE.test(input[i] ?? '');
}

/** Reads a quoted run opening at `open`; returns its text and the index after the closing quote, or -1. */
function readQuoted(input: string, open: number): { text: string; end: number } {
  const closers = CLOSERS[input[open] ?? ''] ?? '';
  let text = '';
  for (let i = open + 1; i < input.length; i++) {
    const ch = input[i] ?? '';
    const next = input[i + 1] ?? '';
    if (ch === '\\' && (closers.includes(next) || next === '\\')) {
      text += next;
      i++;
    } else if (closers.includes(ch)) {
      return { text, end: i + 1 };
    } else {
      text += ch;
    }
  }
  return { text, end: -1 };
}

/** Index of the first whitespace at or after `i`, or the end of the input. */
function wordEnd(input: string, i: number): number {
  let j = i;
  while (j < input.length && !isSpaceAt(input, j)) j++;
  return j;
}

/** Tokenizes command text; errors on text over 2000 characters or an unclosed quote. */
export function tokenize(input: string): LexResult {
  if (input.length > MAX_COMMAND_LENGTH) {
    return {
      ok: false,
      error: `command text is too long (${input.length} characters; at most ${MAX_COMMAND_LENGTH})`,
    };
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (isSpaceAt(input, i)) {
      i++;
      continue;
    }
    const start = i;
    const key = keyAt(input, start);
    const valueStart = key === undefined ? start : start + key.length + 1;
    const opener = input[valueStart] ?? '';
    let value: string;
    let quoted = false;
    if (Object.hasOwn(CLOSERS, opener)) {
      const q = readQuoted(input, valueStart);
      if (q.end < 0) {
        const close = (CLOSERS[opener] ?? opener)[0];
        return {
          ok: false,
          error: `the quote ${opener} at character ${valueStart + 1} is never closed: close the quote with ${close}, e.g. title:"two words"`,
        };
      }
      // Text glued to the closing quote (e.g. "EU"'s) belongs to the same value, literally.
      i = wordEnd(input, q.end);
      value = q.text + input.slice(q.end, i);
      quoted = true;
    } else {
      i = wordEnd(input, valueStart);
      value = input.slice(valueStart, i);
    }
    tokens.push(
      key === undefined ? { value, quoted, start } : { key: key.toLowerCase(), value, quoted, start },
    );
  }
  return { ok: true, tokens };
}
