import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reader, seededBot, type TestBot } from '../helpers/bot.js';
import { schedulerFor, slackChannel } from '../helpers/scheduler.js';

const PENDING = 'date passed, outcome not recorded';
const DAY = 86_400_000;

/** The events in the store whose date passed and whose status still speaks of the future: computed here, apart from the code. */
function expectedStaleEvents(t: TestBot, nowMs: number): string[] {
  return t.store
    .read()
    .events.filter((e) => {
      const last = e.end ?? e.start;
      const endMs = 'at' in last ? Date.parse(last.at) : Date.parse(`${last.date}T00:00:00Z`) + DAY;
      return ['scheduled', 'tentative', 'unknown-outcome'].includes(e.status) && endMs + DAY <= nowMs;
    })
    .map((e) => e.id);
}

describe('items whose date passed with no outcome recorded', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-11-20T12:00:00Z');
    // Two items of our own, so the test does not hang on the curated data: a meeting and an announced measure.
    await t.say(
      'add title:"Geneva follow-up talks" kind:meeting start:"2026-11-18 10:00 Europe/Zurich" countries:US,CN source:https://example.org/a',
    );
    await t.say(
      'add-measure title:"Tariff on kites" authority:section-201 rate:15% imposing:US targets:CN from:2026-11-20 status:announced source:https://example.org/b',
    );
  });
  afterAll(() => t.close());

  it('every answer says so: event, events, countdown, brief, tariffs', async () => {
    const event = await t.say('event geneva-follow-up-talks');
    expect(event).toContain(`Status: scheduled · ⚠ ${PENDING}`);
    expect(await t.say('events past days:7')).toMatch(
      new RegExp(`Geneva follow-up talks · [^·]+ · ⚠ ${PENDING}`),
    );
    expect(await t.say('countdown geneva-follow-up-talks')).toContain(PENDING);
    const brief = await t.say('brief');
    expect(brief).toContain(`⚠ ${PENDING}: Tariff on kites takes effect`);
    expect(brief).not.toMatch(/happened: Tariff on kites/);
    expect(await t.say('event tariff-on-kites')).toContain(`Status: announced · ⚠ ${PENDING}`);
    expect(await t.say('tariffs CN')).toMatch(new RegExp(`Tariff on kites .*⚠ ${PENDING}`));
  });

  it('review lists them oldest first, with items left off the timeline, for editors only', async () => {
    const out = await t.say('review');
    const ids = [...out.matchAll(/^ {2}• \d+\. .*`([a-z0-9-]+)`$/gm)].map((m) => m[1]);
    expect(ids.indexOf('geneva-follow-up-talks')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('geneva-follow-up-talks')).toBeLessThan(ids.indexOf('tariff-on-kites'));
    for (const id of expectedStaleEvents(t, t.clock.now())) expect(ids).toContain(id);
    const dates = [...out.matchAll(/date passed (\w{3} \d+ \w{3} \d{4}, \d\d:\d\d) UTC/g)].map((m) =>
      Date.parse(`${m[1]?.slice(4)} UTC`),
    );
    expect(dates.length).toBe(ids.length);
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(await t.say('review', reader)).toContain('is for editors only');
  });

  it('recording an outcome takes the item off the list and out of every warning', async () => {
    expect(await t.say('edit geneva-follow-up-talks status:held')).toContain('Changed: status');
    expect(await t.say('review')).not.toContain('geneva-follow-up-talks');
    expect(await t.say('event geneva-follow-up-talks')).not.toContain(PENDING);
    expect(await t.say('edit tariff-on-kites status:in-force')).toContain('Changed: status');
    expect(await t.say('review')).not.toContain('tariff-on-kites');
    expect(await t.say('tariffs CN')).not.toMatch(/Tariff on kites .*outcome not recorded/);
  });

  it('"outcome unknown" recorded after the date counts as recorded', async () => {
    await t.say(
      'add title:"Hearing on kites" kind:hearing start:2026-11-17 countries:US source:https://example.org/c',
    );
    expect(await t.say('review')).toContain('hearing-on-kites');
    expect(await t.say('edit hearing-on-kites status:unknown-outcome')).toContain('Changed: status.');
    expect(await t.say('review')).not.toContain('hearing-on-kites');
    expect(await t.say('event hearing-on-kites')).toContain('Status: unknown-outcome');
    expect(await t.say('event hearing-on-kites')).not.toContain(PENDING);
  });

  it('a channel subscribed with review:yes gets the count and first items in its digest; others do not', async () => {
    const s = schedulerFor(t);
    await s.subscribe(slackChannel('CEDITORS'), 'time:08:00 zone:UTC review:yes');
    await s.subscribe(slackChannel('CREADERS'), 'time:08:00 zone:UTC');
    await s.at('2026-11-21T08:00:00Z');
    const count = (await t.say('review')).match(/^Review: (\d+) items?/)?.[1];
    const editors = s.inbox.find((m) => m.channel === 'slack:CEDITORS')?.text ?? '';
    const readers = s.inbox.find((m) => m.channel === 'slack:CREADERS')?.text ?? '';
    expect(editors).toContain(`Review queue: ${count} with ${PENDING}`);
    expect(editors).toContain('/trade review');
    expect(readers).toContain('Daily trade digest');
    expect(readers).not.toContain('Review queue');
    expect(await t.say('subscribe review:no', reader)).toBeTruthy();
    expect(await readFile(t.file, 'utf8')).toContain('"review": true');
  });
});
