import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/commands/context.js';
import { editor, reader, seededBot, type TestBot } from '../helpers/bot.js';
import { attachSources } from '../helpers/sources.js';
import { SourceServer } from '../sources/helpers.js';

const NOW = '2026-12-02T14:00:00Z';
const terminal: Actor = { platform: 'console', id: 'operator', isEditor: true };
const ESC = '\x1b';

let server: SourceServer;
let t: TestBot;
beforeEach(async () => {
  server = await SourceServer.start();
  t = await seededBot(NOW);
  attachSources(t, []);
});
afterEach(async () => {
  await t.close();
  await server.close();
});

/** An iCalendar text with CRLF line ends, from VEVENT bodies (each a list of content lines). */
const calendar = (...events: string[][]): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ministry//Trade calendar//EN',
    ...events.flatMap((lines) => ['BEGIN:VEVENT', 'DTSTAMP:20261101T000000Z', ...lines, 'END:VEVENT']),
    'END:VCALENDAR',
    '',
  ].join('\r\n');

const brussels = (start: string) => [
  'UID:eu-us-dialogue@ministry.example',
  `DTSTART;TZID=Europe/Brussels:${start}`,
  'DURATION:PT2H',
  `SUMMARY:EU-US trade dialogue\\, round 3\\; ${ESC}[31mBrussels`,
  'DESCRIPTION:Agenda: steel\\, aluminium\\nSecond line',
  'LOCATION:Berlaymont\\, Brussels',
  'URL:https://ministry.example/events/dialogue-3',
];
const allDay = [
  'UID:wto-council@ministry.example',
  'DTSTART;VALUE=DATE:20270201',
  'DTEND;VALUE=DATE:20270203',
  'SUMMARY:WTO General Council',
];
const weekly = [
  'UID:weekly-call@ministry.example',
  'DTSTART:20270301T090000Z',
  'DTEND:20270301T093000Z',
  'RRULE:FREQ=WEEKLY;COUNT=4',
  'EXDATE:20270315T090000Z',
  'SUMMARY:Weekly coordination call',
];
const moved = [
  'UID:weekly-call@ministry.example',
  'RECURRENCE-ID:20270308T090000Z',
  'DTSTART:20270308T110000Z',
  'DTEND:20270308T113000Z',
  'SUMMARY:Weekly coordination call (moved)',
];
const past = ['UID:old@ministry.example', 'DTSTART;VALUE=DATE:20250101', 'SUMMARY:Old meeting'];
const undated = ['UID:nodate@ministry.example', 'SUMMARY:Someday'];

const ids = (text: string) => [...text.matchAll(/`(p[a-z0-9]{4,12})`/g)].map((m) => m[1] as string);
const stored = () => readFile(t.file, 'utf8');

describe('import: another calendar becomes proposals, never items', () => {
  it('proposes each event and occurrence in the window; accepting one adds it at its exact time', async () => {
    server.calendars.set(
      'trade.ics',
      calendar(brussels('20270114T100000'), allDay, weekly, moved, past, undated),
    );
    const events = t.store.read().events.length;
    const reply = await t.say(`import url:${server.url}/calendars/trade.ics`);
    expect(reply).toContain('Imported: 5 proposals to review');
    expect(reply).toContain('6 events in the calendar · 5 in the next 365 days');
    expect(reply).toContain('1 without a date left out');
    expect(reply).toContain('1 outside the window');
    expect(reply).not.toContain(ESC);
    // Nothing is on the timeline yet.
    expect(t.store.read().events.length).toBe(events);
    const pending = t.store.read().watcher.proposals.filter((p) => p.status === 'pending');
    const starts = pending.map((p) => p.items[0]?.start);
    // Weekly on Mondays from 1 March, 4 times: 15 March excluded (EXDATE), 8 March moved to 11:00.
    expect(starts).toEqual([
      { at: '2027-01-14T09:00:00.000Z', timeZone: 'Europe/Brussels' },
      { date: '2027-02-01', timeZone: 'UTC' },
      { at: '2027-03-01T09:00:00.000Z', timeZone: 'UTC' },
      { at: '2027-03-08T11:00:00.000Z', timeZone: 'UTC' },
      { at: '2027-03-22T09:00:00.000Z', timeZone: 'UTC' },
    ]);
    expect(pending[1]?.items[0]?.end).toEqual({ date: '2027-02-02', timeZone: 'UTC' });
    expect(pending[0]?.document.title).toBe('EU-US trade dialogue, round 3; [31mBrussels');
    const listed = await t.say('proposals');
    expect(listed).toContain('new: EU-US trade dialogue, round 3;');
    // Where it happens: 10:00 in Brussels (CET in January).
    expect(listed).toContain(
      'adds meeting “EU-US trade dialogue, round 3; [31mBrussels” on Thu 14 Jan 2027, 10:00 CET',
    );
    expect(listed).toContain('adds meeting “WTO General Council” on 2027-02-01 (calendar event)');

    const [first] = ids(reply);
    expect(await t.say(`accept ${first}`, reader)).toMatch(/editors only/);
    expect(await t.say(`accept ${first}`)).toContain(`Accepted ${first}`);
    const added = t.store.read().events.find((e) => e.title.startsWith('EU-US trade dialogue'));
    expect(added?.start).toEqual({ at: '2027-01-14T09:00:00.000Z', timeZone: 'Europe/Brussels' });
    expect(added?.end).toEqual({ at: '2027-01-14T11:00:00.000Z', timeZone: 'Europe/Brussels' });
    expect(added?.location).toBe('Berlaymont, Brussels');
    expect(added?.summary).toBe('Agenda: steel, aluminium Second line');
    expect(added?.sources[0]?.url).toBe('https://ministry.example/events/dialogue-3');
  });

  it('proposes nothing for an unchanged calendar, and an edit when an event moves; accepting it moves the item', async () => {
    server.calendars.set('trade.ics', calendar(brussels('20270114T100000')));
    const [id] = ids(await t.say(`import url:${server.url}/calendars/trade.ics`));
    await t.say(`accept ${id}`);
    expect(await t.say(`import url:${server.url}/calendars/trade.ics`)).toContain('Imported: nothing new');
    expect(await t.say(`import url:${server.url}/calendars/trade.ics`)).toContain('1 unchanged');

    server.calendars.set('trade.ics', calendar(brussels('20270121T143000')));
    server.touch('/calendars/trade.ics');
    const reply = await t.say(`import url:${server.url}/calendars/trade.ics`);
    expect(reply).toContain('0 new and 1 changed proposed');
    const [edit] = ids(reply);
    expect(await t.say('proposals')).toContain('start 2027-01-14T09:00:00.000Z → 2027-01-21T13:30:00.000Z');
    expect(await t.say(`accept ${edit}`)).toContain(`Accepted ${edit}`);
    const moved = t.store.read().events.filter((e) => e.title.startsWith('EU-US trade dialogue'));
    expect(moved.map((e) => e.start)).toEqual([
      { at: '2027-01-21T13:30:00.000Z', timeZone: 'Europe/Brussels' },
    ]);
  });

  it('reads a file in the terminal, and refuses `file:` from a chat', async () => {
    const path = join(t.dir, 'ministry.ics');
    await writeFile(path, calendar(allDay));
    expect(await t.say(`import file:${path}`, terminal)).toContain('Imported: 1 proposal to review');
    expect(await t.say(`import file:${path}`, editor)).toContain('only the terminal may use it');
  });

  it('refuses, with one clear line and nothing changed: readers, an unreachable address, a web page, a file that is not a calendar', async () => {
    const before = await stored();
    expect(await t.say(`import url:${server.url}/calendars/x.ics`, reader)).toMatch(/editors only/);
    expect(await t.say('import')).toContain('Give one calendar: `url:`');
    expect(await t.say(`import url:ftp://127.0.0.1/x.ics`)).toContain(
      '`url` must be an http or https address',
    );
    expect(await t.say('import url:http://127.0.0.1:1/trade.ics')).toMatch(
      /The calendar at 127\.0\.0\.1 could not be read: could not reach the source \(ECONNREFUSED\)\. Nothing was changed\./,
    );
    server.faults.set('/calendars/down.ics', 'html-200');
    expect(await t.say(`import url:${server.url}/calendars/down.ics`)).toContain(
      'the server sent a web page (text/html) instead of a calendar',
    );
    const json = join(t.dir, 'not-a-calendar.json');
    await writeFile(json, '{"events": []}');
    expect(await t.say(`import file:${json}`, terminal)).toContain(
      'That file was not imported: it is not a calendar: an iCalendar (.ics) file starts with BEGIN:VCALENDAR',
    );
    const broken = join(t.dir, 'broken.ics');
    await writeFile(broken, 'BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n');
    expect(await t.say(`import file:${broken}`, terminal)).toContain(
      'is not a valid iCalendar (RFC 5545) text',
    );
    const latin1 = join(t.dir, 'latin1.ics');
    await writeFile(
      latin1,
      Buffer.concat([Buffer.from('BEGIN:VCALENDAR\r\nX:'), Buffer.from([0xe9, 0xff]), Buffer.from('\r\n')]),
    );
    expect(await t.say(`import file:${latin1}`, terminal)).toContain('it is not UTF-8 text');
    expect(await t.say(`import file:${join(t.dir, 'missing.ics')}`, terminal)).toContain(
      'no file has that path',
    );
    expect(await stored()).toBe(before);
  });

  it('refuses a calendar above the caps (5,000 events, 5 MB) and one whose events have no dates', async () => {
    const before = await stored();
    const many = Array.from({ length: 5001 }, (_, i) => [
      `UID:e${i}@x`,
      'DTSTART;VALUE=DATE:20270105',
      `SUMMARY:E${i}`,
    ]);
    server.calendars.set('many.ics', calendar(...many));
    expect(await t.say(`import url:${server.url}/calendars/many.ics`)).toContain(
      'it holds 5001 events; at most 5000 are read at once',
    );
    const daily = ['UID:daily@x', 'DTSTART:20261203T080000Z', 'RRULE:FREQ=HOURLY', 'SUMMARY:Hourly'];
    server.calendars.set('hourly.ics', calendar(daily));
    expect(await t.say(`import url:${server.url}/calendars/hourly.ics`)).toContain(
      'it has more than 5000 events and occurrences in the window',
    );
    server.faults.set('/calendars/huge.ics', 'huge');
    expect(await t.say(`import url:${server.url}/calendars/huge.ics`)).toContain(
      'the answer is larger than 5 MB',
    );
    const big = join(t.dir, 'big.ics');
    await writeFile(big, `BEGIN:VCALENDAR\r\n${'X-PAD:x\r\n'.repeat(600_000)}END:VCALENDAR\r\n`);
    expect(await t.say(`import file:${big}`, terminal)).toContain('it is larger than 5 MB');
    server.calendars.set('undated.ics', calendar(undated, ['UID:u2@x', 'SUMMARY:Later']));
    expect(await t.say(`import url:${server.url}/calendars/undated.ics`)).toContain(
      'none of its events has a date (DTSTART)',
    );
    expect(await stored()).toBe(before);
  });

  it('skips our own feed read back, and never proposes again what an editor rejected', async () => {
    await t.say(
      'add title:"Future talks in Geneva" start:2027-02-10 source:https://example.org/geneva countries:US,CN kind:meeting',
    );
    const ours = await t.ask('calendar format:ics kind:meeting');
    server.calendars.set('ours.ics', ours.verbatim ?? '');
    const back = await t.say(`import url:${server.url}/calendars/ours.ics`);
    expect(back).toContain('Imported: nothing new');
    expect(back).toContain('1 already on the timeline');
    server.calendars.set('trade.ics', calendar(allDay));
    const [id] = ids(await t.say(`import url:${server.url}/calendars/trade.ics`));
    expect(await t.say(`reject ${id} reason:"not ours"`)).not.toMatch(/Sorry/);
    server.calendars.set(
      'trade.ics',
      calendar(allDay.map((l) => l.replace('WTO General Council', 'WTO Council'))),
    );
    server.touch('/calendars/trade.ics');
    expect(await t.say(`import url:${server.url}/calendars/trade.ics`)).toContain('1 rejected before');
  });
});
