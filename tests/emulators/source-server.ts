import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, misbehave, send } from './source-faults.js';
import { atom, type FeedItemInput, rss } from './source-fixtures.js';
import { searchDocuments } from './source-search.js';

export type { Fault };

export interface FeedSpec {
  format: 'rss' | 'atom';
  items: FeedItemInput[];
  /** Rotate the items by one on every answer, as feeds that re-sort themselves do. */
  reorder?: boolean;
}

export interface SeenRequest {
  path: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  userAgent?: string;
  status: number;
}

/**
 * A loopback stand-in for the Federal Register API (documents.json, the public-inspection desk) and for agency
 * RSS/Atom feeds, with ETag/Last-Modified revalidation and the faults real sources show.
 */
export class SourceServer {
  documents: Record<string, unknown>[] = [];
  publicInspection: Record<string, unknown>[] = [];
  readonly feeds = new Map<string, FeedSpec>();
  /** iCalendar texts served at /calendars/<name> as text/calendar, with ETag and Last-Modified. */
  readonly calendars = new Map<string, string>();
  readonly faults = new Map<string, Fault>();
  readonly requests: SeenRequest[] = [];
  hugeBytesSent = 0;
  /** What a rate-limited path sends as Retry-After (seconds). */
  retryAfter = '120';
  private readonly changedAt = new Map<string, number>();
  private readonly server = createServer((req, res) => this.handle(req, res));
  private base = '';

  /** Starts on 127.0.0.1 at a free port. */
  static async start(): Promise<SourceServer> {
    const s = new SourceServer();
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(0, '127.0.0.1', () => resolve());
    });
    s.base = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  get url(): string {
    return this.base;
  }
  /** The Federal Register API base a sources file would name. */
  get frBase(): string {
    return `${this.base}/api/v1`;
  }

  /** Marks a resource (a path) as changed now, so its Last-Modified moves on. */
  touch(path: string): void {
    const prev = this.changedAt.get(path) ?? 0;
    this.changedAt.set(path, Math.max(Date.now(), prev + 1000));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const u = new URL(req.url ?? '/', this.base);
    const seen: SeenRequest = {
      path: u.pathname + u.search,
      status: 0,
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
      userAgent: req.headers['user-agent'],
    };
    this.requests.push(seen);
    res.on('finish', () => (seen.status = res.statusCode));
    if (req.method !== 'GET') return void send(res, 405, 'text/plain', 'method not allowed');
    const fault = this.faults.get(u.pathname);
    if (fault) {
      misbehave(fault, res, this.retryAfter, (n) => {
        this.hugeBytesSent += n;
      });
      return;
    }
    if (u.pathname === '/api/v1/documents.json') {
      const r = searchDocuments(this.documents, u, this.frBase);
      if (r.ok)
        this.conditional(req, res, u.pathname, 'application/json; charset=utf-8', JSON.stringify(r.body));
      else send(res, 400, 'application/json', JSON.stringify({ errors: r.errors }));
      return;
    }
    if (u.pathname === '/api/v1/public-inspection-documents/current.json') {
      const body = JSON.stringify({ count: this.publicInspection.length, results: this.publicInspection });
      this.conditional(req, res, u.pathname, 'application/json; charset=utf-8', body);
      return;
    }
    const calendar = u.pathname.startsWith('/calendars/')
      ? this.calendars.get(u.pathname.slice(11))
      : undefined;
    if (calendar !== undefined)
      return void this.conditional(req, res, u.pathname, 'text/calendar; charset=utf-8', calendar);
    const feed = u.pathname.startsWith('/feeds/') ? this.feeds.get(u.pathname.slice(7)) : undefined;
    if (!feed)
      return void send(
        res,
        404,
        'text/html',
        '<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>',
      );
    if (feed.reorder) feed.items.push(...feed.items.splice(0, 1));
    const xml = feed.format === 'rss' ? rss(u.pathname, feed.items) : atom(u.pathname, feed.items);
    this.conditional(
      req,
      res,
      u.pathname,
      feed.format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
      xml,
    );
  }

  /** Answers 304 when the client's validators still hold (If-None-Match wins over If-Modified-Since), else 200. */
  private conditional(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    type: string,
    body: string,
  ): void {
    const etag = `W/"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
    if (!this.changedAt.has(path)) this.touch(path);
    const lastModified = new Date(this.changedAt.get(path) ?? 0).toUTCString();
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh =
      inm !== undefined
        ? inm.split(',').some((t) => t.trim() === etag)
        : ims !== undefined && Date.parse(ims) >= Date.parse(lastModified);
    res.setHeader('etag', etag);
    res.setHeader('last-modified', lastModified);
    if (fresh) return void res.writeHead(304).end();
    send(res, 200, type, body);
  }
}
