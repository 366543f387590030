import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreData } from '../../src/store/schema.js';
import { reader, seededBot, type TestBot } from '../helpers/bot.js';

const ADD =
  'add-measure title:"Section 232 tariff on drones" authority:section-232 rate:25% imposing:US targets:CN,HK from:"2026-12-15 00:01 America/New_York" coverage:all-goods scope:"Unmanned aircraft and parts" hts:8806,8807.30 source:https://www.federalregister.gov/d/2026-00001 confidence:confirmed';

describe('editors keep tariff measures in chat', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-12-02T12:00:00Z');
  });
  afterAll(() => t.close());

  it('add-measure stores a measure that event <id> shows in full', async () => {
    expect(await t.say(ADD)).toContain('Added Section 232 tariff on drones');
    const out = await t.say('event section-232-tariff-on-drones');
    expect(out).toContain('Imposed by: United States on goods from China, Hong Kong');
    expect(out).toContain('Authority: Section 232');
    expect(out).toContain('Rate: 25%');
    expect(out).toContain('Coverage: all goods (across the board)');
    expect(out).toContain('Scope: Unmanned aircraft and parts');
    expect(out).toContain('HTS headings: 8806, 8807.30');
    // 00:01 in New York on 15 December (EST, UTC-5) is 05:01 UTC.
    expect(out).toContain('In force from: Tue 15 Dec 2026, 05:01 UTC');
    expect(out).toContain('Until: no end date');
    expect(out).toContain('Status: announced');
    expect(out).toContain('Confidence: confirmed');
    expect(out).toContain('<https://www.federalregister.gov/d/2026-00001>');
    expect(out).toContain('id: section-232-tariff-on-drones');
  });

  it('tariffs and brief reflect the measure once it is in force, and an edit at once', async () => {
    const before = await t.say('tariffs CN');
    const total = (s: string) =>
      Number(/^(\d+(?:\.\d+)?)% across the board/m.exec(s.split('\n')[1] ?? '')?.[1] ?? 0);
    const base = total(before);
    t.clock.set(Date.parse('2026-12-16T12:00:00Z'));
    const after = await t.say('tariffs CN');
    expect(total(after)).toBe(base + 25);
    expect(after.split('\n')[1]).toContain('Section 232 25%');
    expect(await t.say('brief')).toContain(`${base + 25}% across the board`);
    expect(await t.say('edit section-232-tariff-on-drones rate:30% status:in-force')).toContain(
      'Changed: rate, status',
    );
    expect(total(await t.say('tariffs CN'))).toBe(base + 30);
    expect(await t.say('brief')).toContain(`${base + 30}% across the board`);
  });

  it('remove and restore work for measures, and the audit log records each change as a measure', async () => {
    expect(await t.say('remove section-232-tariff-on-drones')).toContain('Archived');
    expect((await t.say('tariffs CN')).split('\n')[1]).not.toContain('Section 232 30%');
    expect(await t.say('restore section-232-tariff-on-drones')).toContain('Restored');
    expect((await t.say('tariffs CN')).split('\n')[1]).toContain('Section 232 30%');
    const audit = StoreData.parse(JSON.parse(await readFile(t.file, 'utf8'))).audit.filter(
      (a) => a.id === 'section-232-tariff-on-drones',
    );
    expect(audit.map((a) => `${a.action} ${a.type}`)).toEqual([
      'add measure',
      'edit measure',
      'remove measure',
      'restore measure',
    ]);
    expect(audit[1]).toMatchObject({ before: { rate: { percent: 25 } }, after: { rate: { percent: 30 } } });
  });

  it.each([
    ['authority:section-999', '`authority` must be one of `ieepa`'],
    ['rate:1500%', '`rate` must be a percent from 0% to 1000%'],
    ['imposing:XX', '`imposing` must be one ISO country code'],
    ['targets:CN,QQ', '`targets` must be `all` or ISO country codes such as CN,HK (not QQ)'],
    ['from:2026-02-30', 'is not a real date'],
    ['until:2026-12-01', '`until` is not after `from`'],
    ['coverage:most', '`coverage` must be one of `all-goods`, `some-goods`'],
    ['hts:88.06', '`hts` must be HTS headings such as 8703'],
    ['status:held', '`status` must be one of `announced`, `in-force`'],
    ['confidence:sure', '`confidence` must be one of `confirmed`, `reported`, `unverified`'],
    ['source:ftp://x.org', '`source`'],
  ])('a bad %s is refused by name and changes nothing', async (bad, message) => {
    const file = await readFile(t.file, 'utf8');
    const out = await t.say(`edit section-232-tariff-on-drones ${bad}`);
    expect(out).toContain(message);
    expect(out).toContain('Sorry, that did not work');
    expect(await readFile(t.file, 'utf8')).toBe(file);
    // The same value in add-measure, in place of the good one.
    const key = bad.split(':')[0] as string;
    const others = ADD.replace(new RegExp(` ${key}:("[^"]*"|\\S+)`), '');
    const add = await t.say(`${others} id:fresh-one ${bad}`);
    expect(add).toContain(message);
    expect(await readFile(t.file, 'utf8')).toBe(file);
  });

  it('an event field on a measure, or a measure field on an event, is named and changes nothing', async () => {
    const file = await readFile(t.file, 'utf8');
    expect(await t.say('edit section-232-tariff-on-drones kind:summit')).toContain(
      "`kind` is an event's field and `section-232-tariff-on-drones` is a measure. Nothing was changed.",
    );
    expect(await t.say('edit paris-talks-2026 rate:5%')).toContain(
      "`rate` is a measure's field and `paris-talks-2026` is an event. Nothing was changed.",
    );
    expect(await readFile(t.file, 'utf8')).toBe(file);
  });

  it('readers may not add or edit measures, and nothing changes', async () => {
    const file = await readFile(t.file, 'utf8');
    expect(await t.say(ADD.replace('drones', 'kites'), reader)).toContain('is for editors only');
    expect(await t.say('edit section-232-copper rate:1%', reader)).toContain('is for editors only');
    expect(await readFile(t.file, 'utf8')).toBe(file);
  });
});
