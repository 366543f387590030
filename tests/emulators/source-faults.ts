import type { ServerResponse } from 'node:http';
import { rss } from './source-fixtures.js';

/** Misbehaviours a path can be given: what real sources do on a bad day. */
export type Fault =
  | 'malformed-xml'
  | 'html-200'
  | 'status-500'
  | 'hang'
  | 'stall'
  | 'huge'
  | 'rate-limit'
  | 'redirect-ftp';

const HUGE_BYTES = 50 * 1024 * 1024;
const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body><h1>We are down for maintenance</h1></body></html>';

/** Answers `res` the way `fault` describes; `sent` hears how many bytes of a huge answer left the server. */
export function misbehave(
  fault: Fault,
  res: ServerResponse,
  retryAfter: string,
  sent: (n: number) => void,
): void {
  switch (fault) {
    case 'malformed-xml':
      send(res, 200, 'application/rss+xml', rss('Broken', [{ title: 'Cut off', guid: 'x1' }]).slice(0, -40));
      return;
    case 'html-200':
      send(res, 200, 'text/html; charset=utf-8', HTML_PAGE);
      return;
    case 'status-500':
      send(res, 500, 'text/html', '<html><body>Internal Server Error</body></html>');
      return;
    case 'rate-limit':
      res.setHeader('retry-after', retryAfter);
      send(res, 429, 'text/plain', 'Too Many Requests');
      return;
    case 'redirect-ftp':
      res.writeHead(302, { location: 'ftp://127.0.0.1/feed.xml' }).end();
      return;
    case 'hang':
      return; // never answers; the server's close() ends the socket
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      return; // headers and a first chunk, then silence
    case 'huge':
      streamHuge(res, sent);
      return;
  }
}

/** Streams 50 MB of feed items without holding them, honouring backpressure, stopping when the client goes. */
function streamHuge(res: ServerResponse, sent: (n: number) => void): void {
  const item = Buffer.from(`<item><title>${'x'.repeat(900)}</title><guid>g</guid></item>\n`);
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>\n');
  let closed = false;
  let total = 0;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && total < HUGE_BYTES) {
      total += item.length;
      sent(item.length);
      if (!res.write(item)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end('</channel></rss>');
  };
  pump();
}

/** A complete answer with its length. */
export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}
