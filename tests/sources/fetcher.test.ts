import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, DEFAULT_FETCH_OPTIONS, type FetchRequest } from '../../src/sources/fetcher.js';
import { SourceError } from '../../src/sources/source-error.js';
import { SourceServer, testFetcher } from './helpers.js';

let server: SourceServer;
beforeAll(async () => {
  server = await SourceServer.start();
  server.feeds.set('ustr', {
    format: 'rss',
    items: [{ title: 'Section 301 tariffs on China', guid: 'a1', date: '2026-12-01T15:00:00Z' }],
  });
});
afterAll(() => server.close());

/** The SourceError a read of `path` fails with. */
async function failure(
  path: string,
  expect: FetchRequest['expect'] = 'xml',
  fetch = testFetcher(),
): Promise<SourceError> {
  const e = await fetch({ url: `${server.url}${path}`, expect }).then(
    () => new Error('read succeeded'),
    (err: unknown) => err,
  );
  if (!(e instanceof SourceError)) throw e;
  return e;
}

describe('the source fetcher', () => {
  it('sends a descriptive User-Agent and revalidates with ETag: an unchanged feed answers 304', async () => {
    const fetch = testFetcher();
    const first = await fetch({ url: `${server.url}/feeds/ustr`, expect: 'xml' });
    expect(first.status).toBe('ok');
    const etag = first.status === 'ok' ? first.etag : null;
    expect(etag).toMatch(/^W\/"/);
    expect(await fetch({ url: `${server.url}/feeds/ustr`, expect: 'xml', etag })).toEqual({
      status: 'not-modified',
    });
    const last = server.requests.at(-1);
    expect(last).toMatchObject({ ifNoneMatch: etag, status: 304 });
    expect(last?.userAgent).toBe(DEFAULT_FETCH_OPTIONS.userAgent);
    expect(last?.userAgent).toMatch(/TradeBrief\/.*briefing bot/);
  });

  it('revalidates with Last-Modified alone, and reads again once the feed changes', async () => {
    const fetch = testFetcher();
    const first = await fetch({ url: `${server.url}/feeds/ustr`, expect: 'xml' });
    const lastModified = first.status === 'ok' ? first.lastModified : null;
    expect(await fetch({ url: `${server.url}/feeds/ustr`, expect: 'xml', lastModified })).toEqual({
      status: 'not-modified',
    });
    server.feeds
      .get('ustr')
      ?.items.push({ title: 'New tariff exclusions', guid: 'a2', date: '2026-12-02T10:00:00Z' });
    server.touch('/feeds/ustr');
    const again = await fetch({ url: `${server.url}/feeds/ustr`, expect: 'xml', lastModified });
    expect(again.status === 'ok' && again.body).toContain('New tariff exclusions');
  });

  it('calls an HTML page served with 200 a source error, not a feed or JSON', async () => {
    server.faults.set('/bad/html', 'html-200');
    expect(await failure('/bad/html')).toMatchObject({
      kind: 'html',
      message: expect.stringMatching(/web page \(text\/html\) instead of a feed/),
    });
    expect(await failure('/bad/html', 'json')).toMatchObject({
      kind: 'html',
      message: expect.stringMatching(/instead of JSON/),
    });
  });

  it('names a 500 and a 429, keeping the Retry-After the server asked for', async () => {
    server.faults.set('/bad/500', 'status-500');
    server.faults.set('/bad/429', 'rate-limit');
    expect(await failure('/bad/500')).toMatchObject({
      kind: 'http',
      message: 'the server answered 500 instead of 200',
    });
    expect(await failure('/bad/429')).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 120_000,
      message: expect.stringMatching(/retry after 120 s/),
    });
  });

  it('gives up on a server that never answers, or stops mid-answer, within its timeout', async () => {
    server.faults.set('/bad/hang', 'hang');
    server.faults.set('/bad/stall', 'stall');
    const fetch = createFetcher({ timeoutMs: 400 });
    for (const path of ['/bad/hang', '/bad/stall']) {
      const t0 = performance.now();
      expect(await failure(path, 'xml', fetch)).toMatchObject({
        kind: 'timeout',
        message: 'no complete answer within 0.4 s',
      });
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
  });

  it('stops reading a 50 MB answer once it passes the 5 MB cap', async () => {
    server.faults.set('/bad/huge', 'huge');
    expect(await failure('/bad/huge')).toMatchObject({
      kind: 'too-large',
      message: expect.stringMatching(/larger than 5 MB/),
    });
    // The server streams on demand: far less than the 50 MB it offers ever left it.
    await new Promise((r) => setTimeout(r, 100));
    expect(server.hugeBytesSent).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a redirect to a non-http(s) address', async () => {
    server.faults.set('/bad/ftp', 'redirect-ftp');
    expect(await failure('/bad/ftp')).toMatchObject({
      kind: 'redirect',
      message: expect.stringMatching(/ftp: address/),
    });
  });

  it('names a refused connection as a network error', async () => {
    const fetch = testFetcher();
    const e = await fetch({ url: 'http://127.0.0.1:1/feed', expect: 'xml' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'network', message: expect.stringMatching(/ECONNREFUSED/) });
  });
});
