import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import type { Reply } from '../../src/render/reply.js';
import { startWeb } from '../../src/web/server.js';
import { readCalendar } from '../calendar/ics-reader.js';
import { editor, reader, seededBot, type TestBot } from '../helpers/bot.js';

const OPERATOR_TOKEN = 'operator-token-0123456789abcdef';
const PUBLIC = 'https://trade.example.org';

let t: TestBot;
let web: Awaited<ReturnType<typeof startWeb>>;
let base = '';
const logged: string[] = [];
const log: Logger = {
  debug: (m) => void logged.push(String(m)),
  info: (m) => void logged.push(String(m)),
  warn: (m) => void logged.push(String(m)),
  error: (m, e) => void logged.push(`${String(m)} ${String(e)}`),
};

beforeEach(async () => {
  t = await seededBot('2026-03-01T09:00:00Z', {
    PUBLIC_URL: PUBLIC,
    WEB_PORT: '0',
    CALENDAR_TOKEN: OPERATOR_TOKEN,
  });
  web = await startWeb(
    {
      port: 0,
      host: '127.0.0.1',
      log,
      calendar: {
        store: t.store,
        timeline: t.bot.timeline,
        now: t.bot.clock.now,
        operatorToken: OPERATOR_TOKEN,
      },
    },
    { store: t.store, now: Date.now, startedAt: Date.now(), platforms: () => ({}), maxTickAgeMs: 60_000 },
  );
  base = `http://127.0.0.1:${web.port}`;
});
afterEach(async () => {
  await web.stop();
  await t.close();
});

/** The link in a `calendar` reply, pointed at the test server instead of PUBLIC_URL (as a proxy in front would). */
function linkIn(reply: Reply): string {
  const span = reply.sections[0]?.lines?.[0]?.[0];
  const url = typeof span === 'object' && span.kind === 'code' ? span.text : '';
  expect(url.startsWith(`${PUBLIC}/calendar.ics?token=tbcal_`)).toBe(true);
  return url.replace(PUBLIC, base);
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(url.startsWith('http') ? url : `${base}${url}`, { headers, method });

describe('/calendar.ics on the web server', () => {
  it('answers 401 without a token and 404 with a wrong one, saying nothing of the calendar', async () => {
    const none = await get('/calendar.ics');
    expect(none.status).toBe(401);
    expect(await none.text()).toContain('a token is needed');
    const wrong = await get('/calendar.ics?token=tbcal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain('BEGIN:VCALENDAR');
    const short = await get(`/calendar.ics?token=${OPERATOR_TOKEN.slice(0, -1)}`);
    expect(short.status).toBe(404);
  });

  it('serves the calendar to a personal link: 200 text/calendar with ETag and Last-Modified, then 304', async () => {
    const reply = await t.ask('calendar', reader);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.files?.[0]?.mime).toBe('text/calendar');
    const url = linkIn(reply);
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const etag = res.headers.get('etag') ?? '';
    const lastModified = res.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
    const body = await res.text();
    expect(readCalendar(body).get('paris-talks-2026@trade-brief')?.start.toString()).toBe('2026-03-15');
    // The same bytes as the file attached to the reply.
    expect(body).toBe(new TextDecoder().decode(reply.files?.[0]?.bytes));

    const again = await get(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get(url, { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get(url, { 'if-none-match': '"something-else"' })).status).toBe(200);
    const head = await get(url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('sends a new calendar after an edit: a new ETag, a later Last-Modified, SEQUENCE up', async () => {
    const url = linkIn(await t.ask('calendar', reader));
    const first = await get(url);
    const etag = first.headers.get('etag') ?? '';
    const seq = readCalendar(await first.text()).get('paris-talks-2026@trade-brief')?.sequence ?? -1;
    t.clock.advance(3_600_000);
    expect(
      await t.say('edit paris-talks-2026 location:"OECD Château de la Muette, Paris"', editor),
    ).not.toMatch(/Sorry/);
    const changed = await get(url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(changed.headers.get('last-modified') ?? '')).toBeGreaterThan(
      Date.parse(first.headers.get('last-modified') ?? ''),
    );
    const paris = readCalendar(await changed.text()).get('paris-talks-2026@trade-brief');
    expect(paris?.sequence).toBe(seq + 1);
    expect(paris?.location).toBe('OECD Château de la Muette, Paris');
  });

  it('answers If-Modified-Since with the new calendar once an item has left the year-long window', async () => {
    const url = linkIn(await t.ask('calendar', reader));
    const first = await get(url);
    const lastModified = first.headers.get('last-modified') ?? '';
    const entries = [...readCalendar(await first.text()).values()];
    // The entry that ends first (its DTEND, or its DTSTART when it has none), as ical.js reads it.
    const endOf = (e: (typeof entries)[number]) => (e.end ?? e.start).toJSDate().getTime();
    const oldest = entries.reduce((a, b) => (endOf(b) < endOf(a) ? b : a));
    // A year and two days after it ended (whatever the zone of an all-day date), with nothing edited meanwhile.
    t.clock.set(endOf(oldest) + 367 * 86_400_000);
    const later = await get(url, { 'if-modified-since': lastModified });
    expect(later.status).toBe(200);
    expect(Date.parse(later.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.parse(lastModified));
    expect(readCalendar(await later.text()).has(oldest.uid)).toBe(false);
  });

  it('filters by country and kind, and refuses bad filters with 400 naming the parameter', async () => {
    const url = linkIn(await t.ask('calendar country:CN kind:summit', reader));
    expect(url).toContain('&countries=CN&kinds=summit');
    const summits = readCalendar(await (await get(url)).text());
    expect(summits.size).toBeGreaterThan(0);
    for (const e of summits.values()) expect(e.categories).toEqual(['summit']);
    const all = readCalendar(await (await get(url.replace('&countries=CN&kinds=summit', ''))).text());
    expect(all.size).toBeGreaterThan(summits.size);

    const token = new URL(url).searchParams.get('token') ?? '';
    const bad = await get(`/calendar.ics?token=${token}&kinds=party`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('kinds must be among meeting, summit');
    const twice = await get(`/calendar.ics?token=${token}&countries=CN&countries=US`);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('countries is given twice');
    const country = await get(`/calendar.ics?token=${token}&countries=ZZ`);
    expect(country.status).toBe(400);
    expect(await country.text()).toContain('countries must be ISO codes');
    const long = await get(`/calendar.ics?token=${token}&countries=${'CN,'.repeat(1000)}`);
    expect(long.status).toBe(414);
    // A bad filter from someone without a token learns nothing: 401 first.
    expect((await get('/calendar.ics?kinds=party')).status).toBe(401);
  });

  it('accepts the operator CALENDAR_TOKEN, and stops a personal link once revoked', async () => {
    expect((await get(`/calendar.ics?token=${OPERATOR_TOKEN}`)).status).toBe(200);
    const url = linkIn(await t.ask('calendar', reader));
    const other = linkIn(await t.ask('calendar', editor));
    expect((await get(url)).status).toBe(200);
    expect(await t.say('calendar revoke', reader)).toContain('Revoked 1 calendar link');
    expect((await get(url)).status).toBe(404);
    // Another person's link still works; the store never held a token itself, only hashes.
    expect((await get(other)).status).toBe(200);
    const stored = JSON.stringify(t.store.read().calendarTokens);
    expect(stored).not.toContain(new URL(other).searchParams.get('token'));
    expect(await t.say('calendar revoke', reader)).toContain('You have no calendar links');
  });

  it('sends gzip only to a client that asks for it, with its own ETag', async () => {
    const url = new URL(linkIn(await t.ask('calendar', reader)));
    const raw = (headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    const plain = await raw({});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8').startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const zipped = await raw({ 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    const again = await raw({ 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('never logs a token', async () => {
    const url = linkIn(await t.ask('calendar', reader));
    await get(url);
    await get(`/calendar.ics?token=${OPERATOR_TOKEN}&kinds=party`);
    const token = new URL(url).searchParams.get('token') ?? '';
    const all = logged.join('\n');
    expect(all).toContain('/calendar.ics');
    expect(all).not.toContain(token);
    expect(all).not.toContain(OPERATOR_TOKEN);
  });
});
