import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedFormHeaders, signRequest } from '../emulators/slack-signing.js';
import { rawRequest } from '../helpers/raw-http.js';
import { blockText, SECRET, slackRig } from '../helpers/slack.js';

const FORM = 'application/x-www-form-urlencoded';
/** A request head, as a client (or a scanner) would type it. */
const head = (line: string, headers: Record<string, string | number> = {}) =>
  `${line}\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

type Case = [name: string, parts: string[], expected: number[]];
const BIG = 2 * 1024 * 1024; // over the 1 MiB body limit

/** Every one answered at once with the status a careful server gives; none may stop the bot. */
const stray: Case[] = [
  ['GET /', [head('GET / HTTP/1.1')], [404]],
  ['GET /favicon.ico', [head('GET /favicon.ico HTTP/1.1')], [404]],
  ['GET /wp-login.php', [head('GET /wp-login.php HTTP/1.1')], [404]],
  ['POST /wp-login.php', [head('POST /wp-login.php HTTP/1.1', { 'Content-Length': 3 }), 'a=b'], [404]],
  ['HEAD /', [head('HEAD / HTTP/1.1')], [404]],
  ['GET /slack/events', [head('GET /slack/events HTTP/1.1')], [405]],
  ['HEAD /slack/events', [head('HEAD /slack/events HTTP/1.1')], [405]],
  ['PUT /slack/events', [head('PUT /slack/events HTTP/1.1', { 'Content-Length': 0 })], [405]],
  ['DELETE /slack/events', [head('DELETE /slack/events HTTP/1.1')], [405]],
  ['PATCH /slack/events', [head('PATCH /slack/events HTTP/1.1', { 'Content-Length': 0 })], [405]],
  ['OPTIONS /slack/events', [head('OPTIONS /slack/events HTTP/1.1')], [405]],
  ['OPTIONS *', [head('OPTIONS * HTTP/1.1')], [404]],
  ['an absolute-form URL', [head('GET http://example.org/ HTTP/1.1')], [404]],
  ['a URL that is not a URL', [head('GET http://[ HTTP/1.1')], [400]],
  ['a path with an encoded NUL and dots', [head('GET /slack/%00/../events HTTP/1.1')], [404, 405]],
  ['a request line that is not HTTP', ['GARBAGE\r\n\r\n'], [400]],
  ['an unknown method', [head('BREW /slack/events HTTP/1.1')], [400, 405]],
  ['HTTP/1.0 without Host', ['GET / HTTP/1.0\r\n\r\n'], [404]],
  [
    'a declared body over the limit',
    [head('POST /slack/events HTTP/1.1', { 'Content-Type': FORM, 'Content-Length': BIG })],
    [413],
  ],
  [
    'a chunked body over the limit',
    [
      head('POST /slack/events HTTP/1.1', { 'Content-Type': FORM, 'Transfer-Encoding': 'chunked' }),
      `${(BIG).toString(16)}\r\n`,
      'a'.repeat(BIG),
      '\r\n0\r\n\r\n',
    ],
    [413],
  ],
  [
    'chunked garbage',
    [
      head('POST /slack/events HTTP/1.1', { 'Content-Type': FORM, 'Transfer-Encoding': 'chunked' }),
      'zz-not-hex\r\nhello\r\n0\r\n\r\n',
    ],
    [400],
  ],
  [
    'both Content-Length and chunked',
    [
      head('POST /slack/events HTTP/1.1', {
        'Content-Type': FORM,
        'Content-Length': 5,
        'Transfer-Encoding': 'chunked',
      }),
      '0\r\n\r\n',
    ],
    [400],
  ],
  [
    'a content type Slack never sends',
    [head('POST /slack/events HTTP/1.1', { 'Content-Type': 'text/plain', 'Content-Length': 3 }), 'a=b'],
    [415],
  ],
  ['no content type', [head('POST /slack/events HTTP/1.1', { 'Content-Length': 3 }), 'a=b'], [415]],
  [
    'signed JSON that does not parse',
    (() => {
      const body = '{"type": ';
      const h = {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        ...signRequest(SECRET, body),
      };
      return [head('POST /slack/events HTTP/1.1', h), body];
    })(),
    [400],
  ],
  [
    'a body slower than the body timeout',
    [head('POST /slack/events HTTP/1.1', { 'Content-Type': FORM, 'Content-Length': 100 }), 'token=abc'],
    [408],
  ],
];

describe('stray HTTP requests get an answer at once and never stop the Slack bot', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  let port: number;
  beforeAll(async () => {
    r = await slackRig('2026-03-12T09:00:00Z', { bodyTimeoutMs: 500 });
    port = Number(new URL(r.url).port);
  });
  afterAll(() => r.close());

  it.each(stray)('%s', async (_name, parts, expected) => {
    const answer = await rawRequest(port, parts, { timeoutMs: 4_000 });
    expect(expected).toContain(answer.status);
    expect(answer.ms).toBeLessThan(3_000);
  });

  it('a client that drops the connection halfway through a body does not stop the bot', async () => {
    const h = head('POST /slack/events HTTP/1.1', { 'Content-Type': FORM, 'Content-Length': 1000 });
    for (let i = 0; i < 5; i++) await rawRequest(port, [h, 'token=abc'], { abortAfterSend: true });
    const refused = await rawRequest(port, [head('GET / HTTP/1.1')]);
    expect(refused.status).toBe(404);
  });

  it('after every stray request, a signed /trade brief is still answered', async () => {
    for (const [, parts] of stray) await rawRequest(port, parts, { timeoutMs: 4_000 });
    const { status, reply } = await r.slash('brief');
    expect(status).toBe(200);
    expect(blockText(reply)).toContain('Paris talks at OECD headquarters');
  });

  it('a refusal keeps the connection usable or closes it, but never answers twice', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
    expect(res.status).toBe(404);
    const body = 'x';
    const ok = await fetch(r.url, { method: 'POST', body, headers: signedFormHeaders('wrong', body) });
    expect(ok.status).toBe(401);
  });
});
