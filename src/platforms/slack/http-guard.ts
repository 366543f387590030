import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';

const FIVE_MINUTES_S = 5 * 60;

/**
 * An HTTP server in front of Bolt's receiver that also refuses requests signed more than five minutes
 * in the future (Bolt checks only the past), so a captured request cannot be replayed later.
 */
export function guardedServer(listener: RequestListener, now: () => number): Server {
  return createServer((req: IncomingMessage, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const ts = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(ts) && ts - Math.floor(now() / 1000) > FIVE_MINUTES_S) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('request timestamp is in the future');
      req.resume();
      return;
    }
    listener(req, res);
  });
}
