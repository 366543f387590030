import { createHmac } from 'node:crypto';

/** The two headers Slack adds to every HTTP-mode request. */
export interface SlackSignatureHeaders {
  readonly 'X-Slack-Request-Timestamp': string;
  readonly 'X-Slack-Signature': string;
}

/** Signs `body` as Slack does: `v0=` + hex HMAC-SHA256(secret, `v0:${ts}:${body}`); ts in Unix seconds. */
export function signRequest(
  signingSecret: string,
  body: string,
  ts: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': `v0=${digest}` };
}

/** Headers of a signed form POST; Bolt refuses any content type but exactly this one (no charset). */
export function signedFormHeaders(signingSecret: string, body: string, ts?: number): Record<string, string> {
  return { 'Content-Type': 'application/x-www-form-urlencoded', ...signRequest(signingSecret, body, ts) };
}
