import { z } from 'zod';
import { Instant } from '../domain/primitives.js';
import { nodeCrypto } from '../lazy-crypto.js';

/** Every issued calendar token starts so, which lets the logs redact one wherever it appears. */
export const TOKEN_PREFIX = 'tbcal_';
/** A token as a link carries it: the prefix and 32 URL-safe characters (192 random bits). */
export const TOKEN_SHAPE = /^tbcal_[A-Za-z0-9_-]{32}$/;
/** Tokens kept per person: a new `calendar` link adds one, the oldest beyond this stops working. */
export const MAX_TOKENS_PER_OWNER = 5;

/** A calendar token as the store keeps it: only its sha-256, who it was issued to, and when. */
export const CalendarToken = z.strictObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the sha-256 of the token in hex'),
  owner: z.string().min(1).max(120),
  createdAt: Instant,
});
export type CalendarToken = z.infer<typeof CalendarToken>;

const sha256 = (text: string): Buffer => nodeCrypto().createHash('sha256').update(text, 'utf8').digest();

/** A fresh token and the record to store for it (the token itself is shown once and never stored). */
export function newToken(owner: string, at: string): { token: string; record: CalendarToken } {
  const token = `${TOKEN_PREFIX}${nodeCrypto().randomBytes(24).toString('base64url')}`;
  return { token, record: { hash: sha256(token).toString('hex'), owner, createdAt: at } };
}

/**
 * Whether `presented` is the operator's CALENDAR_TOKEN or an issued token still on record. Every comparison is
 * of two sha-256 digests in constant time, and every record is compared, so the time taken says nothing about
 * how close a guess came or which token matched.
 */
export function tokenIsValid(
  presented: string,
  records: readonly CalendarToken[],
  operatorToken: string | undefined,
): boolean {
  const digest = sha256(presented);
  let ok = false;
  if (operatorToken !== undefined) ok = nodeCrypto().timingSafeEqual(digest, sha256(operatorToken)) || ok;
  for (const r of records) {
    const stored = Buffer.from(r.hash, 'hex');
    if (stored.length === digest.length) ok = nodeCrypto().timingSafeEqual(digest, stored) || ok;
  }
  return ok;
}
