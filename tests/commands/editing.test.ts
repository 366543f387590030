import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreData } from '../../src/store/schema.js';
import { seededBot } from '../helpers/bot.js';

describe('editors change the timeline, with an audit trail', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-11-25T12:00:00Z');
  });
  afterAll(() => t.close());

  it('add puts a new event on the timeline at the time typed in its zone', async () => {
    const out = await t.say(
      'add title:"Geneva follow-up talks" kind:meeting start:"2026-12-03 10:00 Europe/Zurich" countries:US,CN source:https://example.org/story confidence:reported',
    );
    expect(out).toContain('Added Geneva follow-up talks');
    const details = await t.say('event geneva-follow-up-talks');
    // 10:00 in Zurich in December is 09:00 UTC.
    expect(details).toMatch(/Thu 3 Dec 2026, 09:00 UTC/);
    expect(details).toContain('Europe/Zurich');
    expect(await t.say('events')).toContain('Geneva follow-up talks');
  });

  it('edit moves the event and the brief shows the change since yesterday', async () => {
    const out = await t.say(
      'edit geneva-follow-up-talks start:"2026-11-30 10:00 Europe/Zurich" status:tentative',
    );
    expect(out).toMatch(/Changed: start, status/);
    const brief = await t.say('brief');
    expect(brief).toMatch(/Mon 30 Nov 2026, 09:00 UTC — Geneva follow-up talks · in 5 days · tentative/);
    expect(brief).toMatch(
      /edited event Geneva follow-up talks `geneva-follow-up-talks` \(start, status\) by slack:UEDITOR/,
    );
  });

  it('two edits at once: one applies, the other is told to run again, and neither is silently undone', async () => {
    const [a, b] = await Promise.all([
      t.say('edit geneva-follow-up-talks location:Geneva'),
      t.say('edit geneva-follow-up-talks summary:"Follow-up round"'),
    ]);
    expect(a).toMatch(/Edited Geneva follow-up talks/);
    expect(b).toMatch(/changed by someone else a moment ago; run the edit again\. Nothing was changed\./);
    const stored = t.store.read().events.find((e) => e.id === 'geneva-follow-up-talks');
    expect(stored?.location).toBe('Geneva');
    expect(await t.say('edit geneva-follow-up-talks summary:"Follow-up round"')).toMatch(/Edited/);
  });

  it('adding with an id that exists says so, and a title already used gets a fresh id', async () => {
    expect(
      await t.say(
        'add id:paris-talks-2026 title:"Another Paris" start:2026-12-03 source:https://example.org/q',
      ),
    ).toMatch(/An item with id `paris-talks-2026` already exists\. Nothing was added\./);
    expect(
      await t.say('add title:"Geneva follow-up talks" start:2026-12-09 source:https://example.org/q'),
    ).toContain('/trade event geneva-follow-up-talks-2');
    await t.say('remove geneva-follow-up-talks-2');
  });

  it('remove archives and restore brings back the same event', async () => {
    expect(await t.say('remove geneva-follow-up-talks')).toContain('Archived Geneva follow-up talks');
    expect(await t.say('event geneva-follow-up-talks')).toMatch(/No event or measure matches/);
    expect(await t.say('restore geneva-follow-up-talks')).toContain('Restored Geneva follow-up talks');
    expect(await t.say('event geneva-follow-up-talks')).toMatch(/Mon 30 Nov 2026, 09:00 UTC/);
  });

  it('the audit log on disk keeps who did what, before and after', async () => {
    const audit = StoreData.parse(JSON.parse(await readFile(t.file, 'utf8'))).audit;
    expect(audit.map((a) => a.action)).toEqual([
      'add',
      'edit',
      'edit',
      'edit',
      'add',
      'remove',
      'remove',
      'restore',
    ]);
    expect(audit.every((a) => a.actor === 'slack:UEDITOR')).toBe(true);
    expect(audit[1]).toMatchObject({ before: { status: 'scheduled' }, after: { status: 'tentative' } });
  });
});
