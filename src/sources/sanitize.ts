// C0/C1 controls (tab and newline become spaces first), bidi overrides and zero-width marks: nothing a reader needs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text from outside as one clean line: no control or bidi characters, spaces collapsed, at most `max` chars. */
export function cleanText(raw: string, max = 500): string {
  const t = raw
    .replace(/[\t\r\n]+/g, ' ')
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/** Clean text or null when nothing is left. */
export function cleanOrNull(raw: string | null | undefined, max = 500): string | null {
  if (raw == null) return null;
  const t = cleanText(raw, max);
  return t === '' ? null : t;
}

/** The URL when it is absolute http(s), else null: links from outside never become javascript: or file:. */
export function httpUrl(raw: string | null | undefined, base?: string): string | null {
  if (raw == null) return null;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
