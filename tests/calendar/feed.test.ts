import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TradeEvent } from '../../src/domain/event.js';
import { addEvent } from '../../src/store/catalog.js';
import { editor, seededBot, type TestBot } from '../helpers/bot.js';
import { rawLines, readCalendar } from './ics-reader.js';

let t: TestBot;
beforeEach(async () => {
  t = await seededBot('2026-03-01T09:00:00Z');
});
afterEach(() => t.close());

/** The calendar as `calendar format:ics` prints it in the terminal. */
async function ics(options = ''): Promise<string> {
  const reply = await t.ask(`calendar format:ics ${options}`.trim());
  expect(reply.tone).toBeUndefined();
  expect(reply.verbatim).toBeDefined();
  expect(new TextDecoder().decode(reply.files?.[0]?.bytes)).toBe(reply.verbatim);
  return reply.verbatim ?? '';
}

describe('the calendar (RFC 5545, read back with ical.js)', () => {
  it('has the Paris talks as an all-day item, 15-16 March 2026, with an exclusive DTEND', async () => {
    const text = await ics();
    const paris = readCalendar(text).get('paris-talks-2026@trade-brief');
    expect(paris?.start.isDate).toBe(true);
    expect(paris?.start.toString()).toBe('2026-03-15');
    expect(paris?.end?.toString()).toBe('2026-03-17');
    const raw = rawLines(text, 'paris-talks-2026@trade-brief');
    expect(raw).toContain('DTSTART;VALUE=DATE:20260315');
    expect(raw).toContain('DTEND;VALUE=DATE:20260317');
    expect(paris?.summary).toBe('Paris talks at OECD headquarters (6th round)');
    expect(paris?.location).toBe('OECD headquarters, Paris');
    expect(paris?.categories).toEqual(['meeting']);
    expect(paris?.url).toBe(
      'https://mb.com.ph/2026/03/16/us-china-trade-talks-open-in-paris-paving-the-way-for-trump-xi-summit',
    );
    expect(paris?.description).toContain('Agenda: tariffs, rare earths, export controls');
    expect(paris?.description).toContain('Status: held');
    expect(paris?.description).toContain('Confidence: ');
    expect(paris?.description).toContain(
      '- Manila Bulletin: US-China trade talks open in Paris: https://mb.com.ph/',
    );
    // One reminder per default lead time: 7 days, 1 day and 1 hour before.
    expect(paris?.alarms).toEqual(['-P7D', '-P1D', '-PT1H']);
  });

  it('has the truce expiry at 2026-11-10 00:01 New York time, in UTC: 05:01Z', async () => {
    const text = await ics();
    const truce = readCalendar(text).get('busan-truce-expiry@trade-brief');
    expect(truce?.start.isDate).toBe(false);
    expect(truce?.start.zone?.tzid).toBe('UTC');
    // 00:01 EST is UTC-5: 05:01 UTC, computed here without the bot's own time code.
    expect(truce?.start.toUnixTime()).toBe(Date.UTC(2026, 10, 10, 5, 1) / 1000);
    expect(rawLines(text, 'busan-truce-expiry@trade-brief')).toContain('DTSTART:20261110T050100Z');
    expect(truce?.categories).toEqual(['deadline']);
  });

  it('keeps each UID and raises SEQUENCE on every edit', async () => {
    const uid = 'beijing-summit-2026@trade-brief';
    const first = readCalendar(await ics()).get(uid);
    expect(first).toBeDefined();
    const s0 = first?.sequence ?? -1;
    const parisBefore = readCalendar(await ics()).get('paris-talks-2026@trade-brief')?.sequence;
    expect(parisBefore).toBeGreaterThanOrEqual(0);
    expect(await t.say('edit beijing-summit-2026 location:"Great Hall of the People, Beijing"')).not.toMatch(
      /Sorry/,
    );
    const second = readCalendar(await ics()).get(uid);
    expect(second?.sequence).toBe(s0 + 1);
    expect(second?.location).toBe('Great Hall of the People, Beijing');
    await t.say('edit beijing-summit-2026 title:"Trump-Xi summit in Beijing"');
    expect(readCalendar(await ics()).get(uid)?.sequence).toBe(s0 + 2);
    // An untouched item keeps its number.
    expect(readCalendar(await ics()).get('paris-talks-2026@trade-brief')?.sequence).toBe(parisBefore);
  });

  it('marks a cancelled item STATUS:CANCELLED, without reminders, one SEQUENCE up', async () => {
    const uid = 'beijing-summit-2026@trade-brief';
    const before = readCalendar(await ics()).get(uid);
    expect(before?.status).not.toBe('CANCELLED');
    await t.say('edit beijing-summit-2026 status:cancelled');
    const after = readCalendar(await ics()).get(uid);
    expect(after?.status).toBe('CANCELLED');
    expect(after?.alarms).toEqual([]);
    expect(after?.sequence).toBe((before?.sequence ?? 0) + 1);
    expect(after?.description).toContain('Status: cancelled');
  });

  it('escapes commas, semicolons, backslashes, newlines and non-Latin script so they read back unchanged', async () => {
    const title = 'Talks, round 7; 北京会谈 — محادثات — переговоры \\ done';
    const summary = `Line one, with a comma; and a semicolon.\nLine two: 关税 (tariffs), رسوم; пошлины.\n\nLast line \\n not a break ${'🚢'.repeat(40)}é${'🚢'.repeat(40)}`;
    const event: TradeEvent = {
      id: 'escaping-talks',
      title,
      kind: 'meeting',
      start: { at: '2026-06-01T08:30:00Z', timeZone: 'Asia/Shanghai' },
      end: { at: '2026-06-01T10:00:00Z', timeZone: 'Asia/Shanghai' },
      status: 'scheduled',
      countries: ['US', 'CN'],
      participants: [],
      location: 'Diaoyutai, Beijing; room 5, east wing',
      summary,
      tags: [],
      sources: [{ title: 'Source, with; marks', url: 'https://example.org/a,b;c?x=1,2' }],
      confidence: 'reported',
    };
    await addEvent(t.store, event, 'slack:UEDITOR', '2026-03-01T09:00:00.000Z');
    const text = await ics();
    const read = readCalendar(text).get('escaping-talks@trade-brief');
    expect(read?.summary).toBe(title);
    expect(read?.location).toBe('Diaoyutai, Beijing; room 5, east wing');
    expect(read?.description.startsWith(`${summary}\n\nStatus: scheduled`)).toBe(true);
    expect(read?.description).toContain('- Source, with; marks: https://example.org/a,b;c?x=1,2');
    // The URL property keeps the address (commas and semicolons percent-encoded, which means the same).
    expect(decodeURIComponent(read?.url ?? '')).toBe('https://example.org/a,b;c?x=1,2');
    expect(read?.start.toUnixTime()).toBe(Date.UTC(2026, 5, 1, 8, 30) / 1000);
    expect(read?.end?.toUnixTime()).toBe(Date.UTC(2026, 5, 1, 10, 0) / 1000);
    // On the wire: escaped, and folded lines never split a character.
    const raw = rawLines(text, 'escaping-talks@trade-brief');
    expect(raw).toContain('SUMMARY:Talks\\, round 7\\; 北京会谈 — محادثات — переговоры \\\\ done');
  });

  it('shows control characters from a hand-edited store as visible escapes, never raw', async () => {
    const event: TradeEvent = {
      id: 'hostile-calendar',
      title: 'Talks \x1b[2J\u202Eevil',
      kind: 'meeting',
      start: { date: '2026-06-02' },
      status: 'scheduled',
      countries: ['US'],
      participants: [],
      summary: 'One\x07two\r\nthree',
      tags: [],
      sources: [{ title: 'S', url: 'https://example.org/s' }],
      confidence: 'reported',
    };
    await t.store.update((d) => {
      d.events.push(event);
    });
    const text = await ics();
    // Only CRLF line ends remain as control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\x00-\x1f\x7f\u202e]/);
    const read = readCalendar(text).get('hostile-calendar@trade-brief');
    expect(read?.summary).toBe('Talks \\u{1B}[2J\\u{202E}evil');
    expect(read?.description.startsWith('One\\u{7}two\\r\nthree')).toBe(true);
  });

  it('filters by country and kind exactly as `events` does', async () => {
    const all = readCalendar(await ics());
    const summits = readCalendar(await ics('country:CN kind:summit'));
    expect(summits.size).toBeGreaterThan(0);
    expect(summits.size).toBeLessThan(all.size);
    for (const e of summits.values()) expect(e.categories).toEqual(['summit']);
    // `events` over the whole timeline (the seed starts within the calendar's year of history) lists the same ids.
    const listed = await t.say('events country:CN kind:summit when:all');
    expect(listed).not.toContain('Page 1 of');
    const ids = [...listed.matchAll(/`([a-z0-9-]+)`$/gm)].map((m) => `${m[1]}@trade-brief`);
    expect(new Set(summits.keys())).toEqual(new Set(ids));
  });

  it('gives a chat user the link and the file, and the terminal the calendar itself with format:ics', async () => {
    const plain = await t.ask('calendar');
    expect(plain.verbatim).toBeUndefined();
    expect(plain.files?.[0]?.name).toBe('trade-brief.ics');
    expect(plain.files?.[0]?.mime).toBe('text/calendar');
    expect(await t.say('calendar')).toContain('this bot does not serve the calendar feed');
    expect(t.store.read().calendarTokens).toEqual([]);
    expect((await t.ask('calendar format:ics country:CN kind:summit')).files?.[0]?.name).toBe(
      'trade-brief-CN-summit.ics',
    );
    expect(await t.say('calendar kind:party')).toContain('`kind` must be one of');
    // In the terminal format:ics is the calendar itself, printed; no file is written beside it.
    const terminal = await t.ask('calendar format:ics', {
      platform: 'console',
      id: 'operator',
      isEditor: true,
    });
    expect(terminal.files).toBeUndefined();
    expect(terminal.verbatim?.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(await t.say('calendar format:pdf')).toContain('`format` must be one of `ics`');
    expect(editor.isEditor).toBe(true);
  });
});
