import { cleanText } from './sanitize.js';

export const SOURCE_ERROR_KINDS = [
  'timeout',
  'too-large',
  'http',
  'rate-limited',
  'html',
  'malformed',
  'invalid',
  'redirect',
  'network',
] as const;
export type SourceErrorKind = (typeof SOURCE_ERROR_KINDS)[number];

/** Why a source could not be read, in words an editor understands; `retryAfterMs` when the server asked. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(cleanText(message, 300));
  }
}

/** Any thrown value as a SourceError; unexpected ones become a network error named by their message. */
export function asSourceError(e: unknown): SourceError {
  if (e instanceof SourceError) return e;
  const code = (e as { code?: unknown })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  return new SourceError(
    'network',
    `could not read the source: ${typeof code === 'string' ? `${code} ` : ''}${msg}`,
  );
}
