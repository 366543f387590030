import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Logger } from '../../log/logger.js';

const FIVE_MINUTES_S = 5 * 60;
/** Slack's requests are a few kilobytes; anything over this is refused with 413 before it is read. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Slack sends these two; any other body is refused with 415 before it reaches Bolt. */
const MEDIA_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

export interface GuardOptions {
  /** The one path Slack posts to. */
  readonly path: string;
  /** Wall-clock time in ms, for the request timestamp check. */
  readonly now: () => number;
  /** How long a request (head and body) may take to arrive in full before it is answered 408 and dropped. */
  readonly bodyTimeoutMs: number;
  readonly log: Logger;
}

function refuse(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  // The unread body is not worth reading: close the connection after the answer instead.
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...headers });
  res.end(text);
}

/** The request's path, or undefined when its target is not a URL at all. */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** Why Slack would never send this request (status and reason), or undefined when it may go to Bolt. */
function strayReason(
  req: IncomingMessage,
  o: GuardOptions,
): [number, string, Record<string, string>?] | undefined {
  const path = pathOf(req);
  if (path === undefined) return [400, 'bad request target'];
  if (path !== o.path) return [404, 'not found'];
  if (req.method !== 'POST') return [405, 'only POST is allowed here', { allow: 'POST' }];
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > BODY_LIMIT_BYTES) return [413, 'request body too large'];
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!MEDIA_TYPES.has(type)) return [415, 'unsupported content type'];
  const header = req.headers['x-slack-request-timestamp'];
  const ts = Number(Array.isArray(header) ? header[0] : header);
  if (Number.isFinite(ts) && ts - Math.floor(o.now() / 1000) > FIVE_MINUTES_S)
    return [401, 'request timestamp is in the future'];
  return undefined;
}

/**
 * The HTTP server in front of Bolt's receiver. Only a POST of a form or JSON body to `o.path` reaches Bolt;
 * any other request gets 400, 404, 405, 413 or 415 at once, a body that does not arrive in time gets 408,
 * and no request, however malformed, can throw out of the server. It also refuses requests signed more
 * than five minutes in the future (Bolt checks only the past), so a captured request cannot be replayed later.
 */
export function guardedServer(listener: RequestListener, o: GuardOptions): Server {
  // Node answers a request that has not arrived in full in time with 408 and closes the connection, without
  // touching the response Bolt holds; it checks every `connectionsCheckingInterval` ms.
  const timeouts = {
    requestTimeout: o.bodyTimeoutMs,
    headersTimeout: Math.min(10_000, o.bodyTimeoutMs),
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, o.bodyTimeoutMs / 4)),
  };
  const server = createServer(timeouts, (req, res) => {
    // A client that goes away mid-request makes these streams fail; that is its problem, not the bot's.
    req.on('error', (err) => o.log.debug(`slack: request aborted: ${err.message}`));
    res.on('error', (err) => o.log.debug(`slack: response failed: ${err.message}`));
    const stray = strayReason(req, o);
    if (stray) {
      refuse(res, ...stray);
      return;
    }
    try {
      listener(req, res);
    } catch (err) {
      // Bolt throws for what it does not route; answer, log, and keep serving.
      o.log.warn(`slack: request to ${req.method} ${o.path} failed: ${(err as Error).message}`);
      refuse(res, 500, 'internal error');
    }
  });
  // Requests Node's parser refuses (malformed line, header or chunk) get its own 400, 408 or 431 and a close.
  return server;
}
