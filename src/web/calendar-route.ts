import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { buildCalendar, type CalendarFeed } from '../calendar/feed.js';
import { parseFeedQuery } from '../calendar/feed-query.js';
import { tokenIsValid } from '../calendar/tokens.js';
import type { Timeline } from '../domain/timeline.js';
import type { Store } from '../store/store.js';

/** What /calendar.ics reads: the store and its timeline, the bot's clock, and the operator's CALENDAR_TOKEN. */
export interface CalendarSource {
  readonly store: Store;
  readonly timeline: () => Timeline;
  readonly now: () => number;
  readonly operatorToken?: string;
}

const DAY = 86_400_000;
/** A calendar built, its bytes, and (once a client asked for it) its gzip. */
type Built = CalendarFeed & { body: Buffer; gzipped?: Buffer };

/** Calendars kept ready: clients poll the same few addresses; a flood of other filters only evicts the oldest. */
const CACHED = 32;

const text = (res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(`${body}\n`);
};

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET), or is `*`. */
function etagMatches(header: string, etag: string): boolean {
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * The /calendar.ics route: 401 without a token, 404 with one that is not valid (never saying which), then 400
 * for a bad filter, else the calendar with ETag and Last-Modified, or 304 when the client's copy is current. The
 * token is never logged or echoed.
 */
export function calendarRoute(src: CalendarSource) {
  const cache = new Map<string, Built>();
  const feedFor = (filter: Parameters<typeof buildCalendar>[2]): Built => {
    const now = src.now();
    const key = [src.store.revision, Math.floor(now / DAY), filter.countries, filter.kinds].join('|');
    let feed = cache.get(key);
    if (!feed) {
      const built = buildCalendar(src.store.read(), src.timeline(), filter, now);
      feed = { ...built, body: Buffer.from(built.text, 'utf8') };
      if (cache.size >= CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(key, feed);
    }
    return feed;
  };
  return (req: IncomingMessage, res: ServerResponse, search: string): void => {
    const q = parseFeedQuery(search);
    if (q.problem?.status === 414) return void text(res, 414, `bad request: ${q.problem.message}`);
    if (q.token === undefined)
      return void text(
        res,
        401,
        'a token is needed: subscribe with the link /trade calendar gives you (…/calendar.ics?token=…)',
        { 'www-authenticate': 'Bearer realm="trade-brief calendar"' },
      );
    if (!tokenIsValid(q.token, src.store.read().calendarTokens, src.operatorToken))
      return void text(res, 404, 'not found: this calendar link is not valid (it may have been revoked)');
    if (q.problem) return void text(res, q.problem.status, `bad request: ${q.problem.message}`);
    const feed = feedFor(q.filter);
    // Calendars compress tenfold; a client that takes gzip gets it (its own ETag: another representation).
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip && !feed.gzipped) feed.gzipped = gzipSync(feed.body);
    const etag = gzip ? `${feed.etag.slice(0, -1)}-gz"` : feed.etag;
    const headers: Record<string, string> = {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="trade-brief.ics"',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      vary: 'accept-encoding',
      etag,
      'last-modified': new Date(feed.lastModifiedMs).toUTCString(),
      'cache-control': 'private, no-cache',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh =
      inm !== undefined
        ? etagMatches(inm, etag)
        : ims !== undefined && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= feed.lastModifiedMs;
    if (fresh) {
      res.writeHead(304, headers);
      return void res.end();
    }
    const body = gzip && feed.gzipped ? feed.gzipped : feed.body;
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
