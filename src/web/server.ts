import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';
import { type CalendarSource, calendarRoute } from './calendar-route.js';
import { type HealthSources, health } from './health.js';
import { createMetrics } from './metrics.js';

export interface WebOptions {
  readonly port: number;
  readonly host: string;
  readonly log: Logger;
  /** Serves /calendar.ics from this store (tokens checked there). */
  readonly calendar?: CalendarSource;
}

type Handler = (req: IncomingMessage, res: ServerResponse, search: string) => void;

/** Answers one request: GET (or HEAD) /healthz, /metrics and /calendar.ics; 404 for other paths, 405 for other methods. */
async function route(
  req: IncomingMessage,
  res: ServerResponse,
  health: () => ReturnType<typeof import('./health.js').health>,
  metrics: () => Promise<{ type: string; text: string }>,
  calendar: Handler | undefined,
): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const known =
    path === '/healthz' || path === '/metrics' || (path === '/calendar.ics' && calendar !== undefined);
  if (!known) return send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed: use GET\n');
  }
  if (path === '/calendar.ics' && calendar) return calendar(req, res, q < 0 ? '' : url.slice(q + 1));
  if (path === '/healthz') {
    const h = health();
    return send(res, h.healthy ? 200 : 503, 'application/json', `${JSON.stringify(h.body)}\n`, req.method);
  }
  const m = await metrics();
  return send(res, 200, m.type, m.text, req.method);
}

function send(res: ServerResponse, status: number, type: string, body: string, method?: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(method === 'HEAD' ? undefined : body);
}

/**
 * The small web server (WEB_PORT): /healthz, /metrics and the calendar feed. Request bodies are never read, a request that
 * fails is answered 500 and logged, and no request can take the process down.
 */
export async function startWeb(o: WebOptions, sources: Omit<HealthSources, 'lastTick' | 'pendingPosts'>) {
  const { registry, observer } = createMetrics();
  let lastTick: number | undefined;
  let pendingPosts = 0;
  const tick = observer.tick;
  observer.tick = (at, lag, pending) => {
    lastTick = sources.now();
    pendingPosts = pending;
    tick(at, lag, pending);
  };
  const healthNow = () => health({ ...sources, lastTick: () => lastTick, pendingPosts: () => pendingPosts });
  const metrics = async () => ({ type: registry.contentType, text: await registry.metrics() });
  const calendar = o.calendar ? calendarRoute(o.calendar) : undefined;
  const server = createServer((req, res) => {
    req.resume(); // bodies are not read; drain them so the connection can be reused
    route(req, res, healthNow, metrics, calendar).catch((err) => {
      o.log.error('web: a request failed', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  o.log.info(
    `web: listening on http://${o.host}:${port} (/healthz, /metrics${calendar ? ', /calendar.ics' : ''})`,
  );
  return {
    port,
    observer,
    async stop(): Promise<void> {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await closed;
    },
  };
}
