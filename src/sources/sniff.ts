import { SourceError } from './source-error.js';

const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Milliseconds a Retry-After header asks for (seconds, or an HTTP date against the answer's Date), capped at a day. */
export function retryAfterMs(header: string | null, dateHeader: string | null): number | null {
  if (!header) return null;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Math.min(Number(t) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(t);
  const ref = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(at) || Number.isNaN(ref)) return null;
  return Math.min(Math.max(at - ref, 0), MAX_RETRY_AFTER_MS);
}

/** The body as text, after checking it is the kind expected: an HTML page served with 200 is a source error. */
export function sniffBody(
  bytes: Buffer,
  contentType: string | null,
  expect: 'json' | 'xml' | 'calendar',
): string {
  const type = (contentType ?? '').toLowerCase();
  const charset = /charset="?([\w-]+)/.exec(type)?.[1] ?? 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(charset).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
  }
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (type.includes('text/html') || head.startsWith('<!doctype html') || head.startsWith('<html'))
    throw new SourceError(
      'html',
      `the server sent a web page (${type.split(';')[0] || 'HTML'}) instead of ${expect === 'json' ? 'JSON' : expect === 'calendar' ? 'a calendar' : 'a feed'}, probably an error page`,
    );
  if (expect === 'json' && !head.startsWith('{') && !head.startsWith('['))
    throw new SourceError(
      'malformed',
      `the answer is not JSON (content type ${type.split(';')[0] || 'none'})`,
    );
  return text;
}
