import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBot } from '../helpers/bot.js';

describe('wording a new user meets', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-11-01T00:00:00Z');
  });
  afterAll(() => t.close());

  it('help shows yes/no options as yes, as the README writes them, and both yes and true are accepted', async () => {
    const help = await t.say('help subscribe');
    expect(help).toContain('`weekdays:yes`');
    expect(help).toContain('`weekly:yes`');
    expect(help).not.toContain(':true');
    expect(await t.say('subscribe weekdays:yes')).toContain('weekdays only');
    expect(await t.say('subscribe weekdays:no')).not.toContain('weekdays only');
    expect(await t.say('subscribe weekdays:true')).toContain('weekdays only');
  });

  it('list headings share one case: "Events — next 30 days" beside "Deadlines — next 30 days"', async () => {
    expect((await t.say('events')).split('\n')[0]).toBe('Events — next 30 days');
    expect((await t.say('events past days:10')).split('\n')[0]).toBe('Events — past 10 days');
    expect((await t.say('deadlines')).split('\n')[0]).toBe('Deadlines — next 30 days');
  });

  it('one date reads as one number of days, whether the item has a time or lasts all day', async () => {
    const at = await seededBot('2026-11-09T12:00:00Z');
    try {
      const days = (Date.UTC(2026, 10, 9) - Date.UTC(2026, 1, 20)) / 86_400_000; // 20 Feb to 9 Nov 2026
      const lines = (await at.say('events past days:400 page:1'))
        .split('\n')
        .concat((await at.say('events past days:400 page:2')).split('\n'))
        .filter((l) => l.includes('Fri 20 Feb 2026'));
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.some((l) => /Fri 20 Feb 2026, \d\d:\d\d/.test(l))).toBe(true); // a timed item among them
      for (const line of lines) expect(line).toContain(` · ${days} days ago`);
    } finally {
      await at.close();
    }
  });

  it('a reader at Slack who is not an editor is told to ask a workspace admin', async () => {
    const out = await t.say('remove paris-talks-2026', { platform: 'slack', id: 'U1', isEditor: false });
    expect(out).toContain('Ask a workspace admin to add you to EDITORS.');
  });
});
