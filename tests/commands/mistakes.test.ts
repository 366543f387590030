import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reader, seededBot } from '../helpers/bot.js';

describe('replies to mistakes', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  let bytes: string;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
    bytes = await readFile(t.file, 'utf8');
  });
  afterAll(() => t.close());

  const table: [string, RegExp][] = [
    [
      'deadlines days:0',
      /^`days` must be a whole number from 1 to 365, e\.g\. `\/trade deadlines days:30`$/m,
    ],
    ['deadlines days:abc', /`days` must be a whole number from 1 to 365/],
    ['deadlines days:1.5', /`days` must be a whole number/],
    ['deadlines days:366', /from 1 to 365/],
    ['deadlines 99999999999999999999', /from 1 to 365/],
    ['deadlnes', /Did you mean `\/trade deadlines`\?/],
    ['deadlinez', /Did you mean `\/trade deadlines`\?/],
    ['flibbertigibbet', /not a \/trade command/],
    ['events kind:party', /`kind` must be one of/],
    ['events country:XX', /`country` must be countries as ISO codes or names/],
    ['events colour:red', /`colour` is not an option of `events`/],
    ['deadlines days:3 days:4', /given twice/],
    ['event "paris talks', /close the quote/],
    ['event', /needs `id`/],
    ['event zzzzqqqq', /No event or measure matches `zzzzqqqq`/],
    ['countdown summit', /matches several items/],
    ['tariffs CN on:2026-02-30', /2026-02-30/],
    ['add title:"Talks" start:"2026-12-03 25:00 Europe/Paris" source:https://example.org', /25:00|time/],
    [
      'add title:"Talks" start:"2026-12-03 10:00 Mars/Base" source:https://example.org',
      /`Mars\/Base` is not a time zone/,
    ],
    ['add title:"Talks" start:2026-12-03 source:notaurl', /`source`/],
    ['add title:"Talks"', /needs `start`, `source`/],
    ['edit no-such-event status:held', /No event or measure has id `no-such-event`/],
    ['edit paris-talks-2026 status:maybe', /`status` must be one of/],
    ['remove no-such-thing', /No event or measure has id `no-such-thing`/],
    ['restore paris-talks-2026', /Nothing with id `paris-talks-2026` is in the archive/],
    [`events ${'x'.repeat(2100)}`, /too long/],
    ['subscribe zone:Mars/Base', /`zone` must be an IANA time zone such as Europe\/Paris/],
    [
      'subscribe time:25:00',
      /`time` must be a 24-hour time from 00:00 to 23:59, e\.g\. `\/trade subscribe time:08:00`/,
    ],
    ['subscribe leads:7x', /`leads`: `7x` is not a duration/],
    ['subscribe kinds:party', /`kinds` must be kinds from/],
    ['unsubscribe', /This channel has no subscription/],
  ];

  it.each(table)('%s gets a specific reply and changes nothing', async (input, expected) => {
    const reply = await t.ask(input);
    const text = await t.say(input);
    expect(reply.tone).toBe('error');
    expect(reply.visibility).toBe('ephemeral');
    expect(text).toMatch(expected);
    expect(text).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
    expect(t.store.revision).toBe(0);
    expect(await readFile(t.file, 'utf8')).toBe(bytes);
  });

  it('a reader who tries an editor command is refused and nothing changes', async () => {
    const text = await t.say('remove paris-talks-2026', reader);
    expect(text).toMatch(/for editors only/);
    expect(t.store.revision).toBe(0);
  });

  it('no command text, however odd, throws or changes the store', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.stringMatching(/^(edit|remove|restore|events|deadlines|tariffs|event) [\w:"' \-./]{0,60}$/),
        ),
        async (input) => {
          const reply = await t.ask(input.replace(/^(edit|remove|restore) /, '$1 zz-'));
          expect(typeof reply.title).toBe('string');
          expect(t.store.revision).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
    expect(await readFile(t.file, 'utf8')).toBe(bytes);
  });
});
