import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params, SlackFault } from './slack-types.js';

/** The whole request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A body as Slack reads it: JSON when so labelled, form-urlencoded otherwise; undefined if the JSON is bad. */
export function parseBody(req: IncomingMessage, raw: string): Params | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      const value: unknown = raw === '' ? {} : JSON.parse(raw);
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Params)
        : undefined;
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** The bearer token of a request, falling back to a `token` body field as Slack does for form posts. */
export function bearerToken(req: IncomingMessage, body: Params): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof body.token === 'string' ? body.token : undefined;
}

/** Sends a JSON reply. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

/** Sends a plain-text reply (response_url answers are text, like `ok` or `invalid_blocks`). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

/** Answers a request hit by a 429 or error fault; false when the fault lets the call through. */
export function answerFault(res: ServerResponse, fault: SlackFault | undefined, asText: boolean): boolean {
  if (!fault) return false;
  if ('status' in fault) {
    const headers = { 'Retry-After': String(fault.retryAfter) };
    if (asText) sendText(res, 429, 'ratelimited', headers);
    else sendJson(res, 429, { ok: false, error: 'ratelimited' }, headers);
    return true;
  }
  if ('error' in fault) {
    if (asText) sendText(res, 400, fault.error);
    else sendJson(res, 200, { ok: false, error: fault.error });
    return true;
  }
  return false;
}

/** Drops the connection without answering, as when it breaks after Slack accepted the request. */
export function dropConnection(req: IncomingMessage): void {
  req.socket.destroy();
}
