import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { apiError } from './discord-errors.js';
import { isRefusal } from './discord-rate-limits.js';
import type { DiscordState } from './discord-state.js';
import type { DiscordFault, FaultRoute } from './discord-types.js';

/** A REST request with its JSON body parsed and its route's captures in `params`. */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly params: readonly string[];
}

/** What a route answers. */
export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One REST route under /api/v10: `bot` routes need `Authorization: Bot <token>`; `fault` names its fault queue. */
export interface RestRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly fault?: FaultRoute;
  readonly bot?: boolean;
  /** The per-route rate-limit bucket, counted per major parameter (the first capture: a channel id). */
  readonly bucket?: 'channelMessages';
  readonly handle: (request: RestRequest) => RestReply;
}

const PREFIX = '/api/v10';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON bodies, and the `payload_json` part of multipart bodies (messages with files). */
function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return undefined;
  if (contentType.startsWith('multipart/form-data')) {
    const part = /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
    return part?.[1] === undefined ? {} : JSON.parse(part[1]);
  }
  return JSON.parse(raw);
}

/** Discord's 429 reply: JSON `{ message, retry_after, global }` and its rate-limit headers. */
function rateLimited(retryAfter: number, global: boolean): RestReply {
  const headers: Record<string, string> = {
    // Discord rounds the header up to whole seconds; the emulator keeps fractions so tests stay fast.
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
    'x-ratelimit-reset-after': String(retryAfter),
    'x-ratelimit-bucket': 'emulated-bucket',
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
  };
}

function faultReply(fault: DiscordFault): RestReply | undefined {
  if ('dropAfterAccept' in fault) return undefined;
  if (fault.status === 429) return rateLimited(fault.retryAfter, fault.global ?? false);
  return { status: fault.status, body: apiError(0, `${fault.status}: Internal Server Error`) };
}

function send(res: ServerResponse, reply: RestReply): void {
  const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...reply.headers,
  });
  res.end(body);
}

/** Answers one request: routing, bot auth, queued faults, then the route's handler. */
async function answer(
  req: IncomingMessage,
  routes: readonly RestRoute[],
  state: DiscordState,
): Promise<RestReply | 'drop'> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname); // discord.js sends '@original' as %40original
  const method = req.method ?? 'GET';
  let body: unknown;
  try {
    body = parseBody(await readBody(req), req.headers['content-type'] ?? '');
  } catch {
    return { status: 400, body: apiError(50109, 'The request body contains invalid JSON.') };
  }
  if (!path.startsWith(`${PREFIX}/`)) return { status: 404, body: apiError(0, '404: Not Found') };
  const local = path.slice(PREFIX.length);
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(local) : null;
    if (!match) continue;
    if (route.bot && req.headers.authorization !== `Bot ${state.options.token}`) {
      state.recordProblem(`${method} ${local}`, 401, ['missing or wrong Authorization: Bot <token>'], body);
      return { status: 401, body: apiError(0, '401: Unauthorized') };
    }
    const limited = route.bot
      ? state.limits.check(`${method} ${local}`, route.bucket && `${route.bucket}:${match[1]}`)
      : {};
    if (isRefusal(limited)) return limited;
    const fault = route.fault === undefined ? undefined : state.takeFault(route.fault);
    const faulted = fault === undefined ? undefined : faultReply(fault);
    if (faulted) return faulted;
    const request: RestRequest = {
      method,
      path: local,
      query: url.searchParams,
      headers: req.headers,
      body,
      params: match.slice(1),
    };
    const reply = route.handle(request);
    if (fault !== undefined) return 'drop';
    return { ...reply, headers: { ...limited, ...reply.headers } };
  }
  return { status: 404, body: apiError(0, '404: Not Found') };
}

/** An HTTP server answering Discord REST v10 under /api/v10 from `routes` (the gateway shares it). */
export function createRestServer(routes: readonly RestRoute[], state: DiscordState): http.Server {
  return http.createServer((req, res) => {
    const latency = state.options.latencyMs;
    answer(req, routes, state)
      .then(async (reply) => {
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));
        return reply;
      })
      .catch(
        (error: unknown): RestReply => ({
          status: 500,
          body: apiError(0, `emulator error: ${String(error)}`),
        }),
      )
      .then((reply) => {
        const authorization = req.headers.authorization;
        const status = reply === 'drop' ? 0 : reply.status;
        state.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          status,
          authorization,
          at: Date.now(),
        });
        if (reply === 'drop') req.socket.destroy();
        else send(res, reply);
      });
  });
}
