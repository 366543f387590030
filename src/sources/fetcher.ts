import type { Dispatcher } from 'undici';
import { retryAfterMs, sniffBody } from './sniff.js';
import { SourceError } from './source-error.js';

/** What the watcher asks for: a URL, the validators of its last answer, and what kind of body it expects. */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  expect: 'json' | 'xml' | 'calendar';
}

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null };

/** Reads one source URL; rejects only with a SourceError. */
export type Fetcher = (req: FetchRequest) => Promise<FetchResult>;

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  dispatcher?: Dispatcher;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'TradeBrief/0.1 (trade-policy briefing bot; polls official sources every 30 minutes or more)',
};

const ACCEPT = {
  json: 'application/json',
  xml: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9',
  calendar: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
};
const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h) ?? null;

/**
 * A Fetcher on undici: conditional, bounded in time and size, following only http(s) redirects. undici is loaded
 * at the first fetch (node keeps it after), so a one-shot answer or a bot with the watcher off never loads it.
 */
export function createFetcher(options: Partial<FetchOptions> = {}): Fetcher {
  const o = { ...DEFAULT_FETCH_OPTIONS, ...options } satisfies FetchOptions;
  return async (req) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), o.timeoutMs);
    try {
      return await follow(req, o, abort.signal);
    } catch (e) {
      if (abort.signal.aborted)
        throw new SourceError('timeout', `no complete answer within ${o.timeoutMs / 1000} s`);
      if (e instanceof SourceError) throw e;
      const code = (e as { code?: string }).code;
      throw new SourceError('network', `could not reach the source (${code ?? (e as Error).message})`);
    } finally {
      clearTimeout(timer);
    }
  };
}

async function follow(req: FetchRequest, o: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  let url = new URL(req.url);
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { 'user-agent': o.userAgent, accept: ACCEPT[req.expect] };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    const { request } = await import('undici');
    const res = await request(url, { method: 'GET', headers, signal, dispatcher: o.dispatcher });
    const h = res.headers;
    if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304) {
      discard(res.body);
      const to = one(h.location);
      if (!to) throw new SourceError('redirect', `redirect (${res.statusCode}) without a Location`);
      const next = new URL(to, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw new SourceError(
          'redirect',
          `refused a redirect to a ${next.protocol} address (only http and https)`,
        );
      if (hop >= o.maxRedirects) throw new SourceError('redirect', `more than ${o.maxRedirects} redirects`);
      url = next;
      continue;
    }
    if (res.statusCode === 304) {
      discard(res.body);
      return { status: 'not-modified' };
    }
    if (res.statusCode !== 200) {
      discard(res.body);
      const wait = retryAfterMs(one(h['retry-after']), one(h.date));
      if (res.statusCode === 429 || res.statusCode === 503)
        throw new SourceError(
          'rate-limited',
          `the server answered ${res.statusCode} (slow down)${wait ? `; retry after ${Math.ceil(wait / 1000)} s` : ''}`,
          wait ?? undefined,
        );
      throw new SourceError('http', `the server answered ${res.statusCode} instead of 200`);
    }
    const declared = Number(one(h['content-length']) ?? Number.NaN);
    if (declared > o.maxBytes) {
      discard(res.body);
      throw tooLarge(o.maxBytes);
    }
    const bytes = await readCapped(res.body, o.maxBytes);
    const body = sniffBody(bytes, one(h['content-type']), req.expect);
    return { status: 'ok', body, etag: one(h.etag), lastModified: one(h['last-modified']) };
  }
}

/** Drops a body we will not read; its abort error has a listener, so it can never surface as an uncaught error. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

const tooLarge = (max: number) =>
  new SourceError(
    'too-large',
    `the answer is larger than ${Math.round(max / 1024 / 1024)} MB; stopped reading it`,
  );

/** The whole body, or a too-large SourceError as soon as more than `max` bytes have come (the rest is never read). */
async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      discard(body);
      throw tooLarge(max);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
