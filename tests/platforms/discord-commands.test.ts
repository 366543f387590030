import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete } from '../emulators/discord-interactions.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';
import { discordRig, MANAGE_GUILD, member } from '../helpers/discord.js';

describe('/trade in Discord, through the real discord.js client', () => {
  let r: Awaited<ReturnType<typeof discordRig>>;
  beforeAll(async () => {
    r = await discordRig('2026-03-12T09:00:00Z');
  });
  afterAll(() => r.close());

  const everyCommand: [string, Record<string, string | number | boolean>][] = [
    ['brief', {}],
    ['events', {}],
    ['events', { when: 'past', days: 60 }],
    ['event', { id: 'paris-talks-2026' }],
    ['tariffs', { country: 'CN' }],
    ['deadlines', { days: 60 }],
    ['countdown', { id: 'beijing summit' }],
    ['subscriptions', {}],
    ['schedule', {}],
    ['help', {}],
  ];
  it.each(everyCommand)(
    '/trade %s answers with embeds within Discord’s limits, pinging no one',
    async (sub, options) => {
      const a = await r.ask('trade', sub, options);
      expect(a.type).toBe(4);
      expect(a.body.embeds?.length).toBeGreaterThan(0);
      expect(discordMessageProblems(a.body)).toEqual([]);
      expect(a.body.allowed_mentions).toEqual({ parse: [] });
    },
  );

  it('brief shows the Paris talks and times as <t:…> tokens in each member’s zone', async () => {
    const a = await r.ask('trade', 'brief');
    expect(a.text).toContain('Paris talks at OECD headquarters');
    expect(a.text).toContain('in 3 days');
    expect(a.text).toMatch(/<t:\d+:F>/);
    expect(a.ephemeral).toBe(true);
  });

  it.each([
    ['deadlines', { days: 0 }, '`days` must be a whole number from 1 to 365'],
    ['event', { id: 'no-such-thing-at-all' }, 'No event or measure matches'],
    ['tariffs', { on: '2026-02-30' }, '2026-02-30'],
  ] as const)(
    'a bad option (%s) gets an ephemeral explanation and changes nothing',
    async (sub, options, says) => {
      const before = r.t.store.revision;
      const a = await r.ask('trade', sub, options);
      expect(a.ephemeral).toBe(true);
      expect(a.text).toContain(says);
      expect(r.t.store.revision).toBe(before);
    },
  );

  it('asked again, answers the same, keeping each reply’s privacy; a change to the store shows at once', async () => {
    const first = await r.ask('trade', 'event', { id: 'beijing-summit-2026' });
    const again = await r.ask('trade', 'event', { id: 'beijing-summit-2026' }, member('444444444444444444'));
    expect(again.type).toBe(4);
    expect(again.body).toEqual(first.body);
    expect([first.ephemeral, again.ephemeral]).toEqual([true, true]);
    const shared = await r.ask('trade', 'brief', { share: true });
    const mine = await r.ask('trade', 'brief');
    expect([shared.ephemeral, mine.ephemeral]).toEqual([false, true]);
    const edited = await r.ask(
      'trade-admin',
      'edit',
      { id: 'beijing-summit-2026', title: 'Beijing summit, renamed' },
      member('111111111111111111'),
    );
    expect(edited.text).toContain('Beijing summit, renamed');
    const after = await r.ask('trade', 'event', { id: 'beijing-summit-2026' });
    expect(after.text).toContain('Beijing summit, renamed');
    expect(r.emu.problems).toEqual([]);
  });

  it('autocomplete offers matching events by name, at most 25, quickly', async () => {
    const { id } = r.emu.dispatchInteraction(autocomplete('trade', 'event', { id: 'beij' }, 'id'));
    const cb = await r.emu.waitForCallback(id, 2000);
    expect(cb.type).toBe(8);
    const choices = (cb.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('beijing-summit-2026');
  });

  it('a member without Manage Server is refused /trade-admin; a manager’s edit is deferred, then confirmed', async () => {
    const refused = await r.ask(
      'trade-admin',
      'remove',
      { id: 'paris-talks-2026' },
      member('333333333333333333'),
    );
    expect(refused.text).toContain('for editors only');
    expect(r.t.store.read().events.some((e) => e.id === 'paris-talks-2026')).toBe(true);
    const done = await r.ask(
      'trade-admin',
      'remove',
      { id: 'paris-talks-2026' },
      member('333333333333333333', MANAGE_GUILD),
    );
    expect(done.type).toBe(5);
    expect(done.text).toContain('Archived');
    const back = await r.ask(
      'trade-admin',
      'restore',
      { id: 'paris-talks-2026' },
      member('111111111111111111'),
    );
    expect(back.text).toContain('Restored');
  });

  it('/trade-admin add-measure adds a measure that event opens; a bad rate is refused and changes nothing', async () => {
    const editorMember = member('111111111111111111');
    const measure = {
      title: 'Discord drone tariff',
      authority: 'section-232',
      targets: 'CN',
      from: '2026-03-01',
      hts: '8806',
      source: 'https://www.federalregister.gov/d/2026-00002',
    };
    const revision = r.t.store.revision;
    const bad = await r.ask('trade-admin', 'add-measure', { ...measure, rate: '2000%' }, editorMember);
    expect(bad.text).toContain('0% to 1000%');
    expect(r.t.store.revision).toBe(revision);
    const refused = await r.ask(
      'trade-admin',
      'add-measure',
      { ...measure, rate: '25%' },
      member('333333333333333333'),
    );
    expect(refused.text).toContain('for editors only');
    expect(r.t.store.revision).toBe(revision);
    await r.ask('trade-admin', 'add-measure', { ...measure, rate: '25%' }, editorMember);
    const added = r.t.store.read().measures.find((m) => m.title === 'Discord drone tariff');
    expect(added).toMatchObject({ authority: 'section-232', rate: { percent: 25 }, hts: ['8806'] });
    const shown = await r.ask('trade', 'event', { id: added?.id as string });
    expect(shown.text).toContain('Discord drone tariff');
    expect(shown.text).toContain('8806');
    expect(r.emu.problems).toEqual([]);
  });

  it('stored text with @everyone is shown inert, and no message allows mentions', async () => {
    await r.ask(
      'trade-admin',
      'add',
      { title: 'Talks @everyone **bold**', start: '2026-12-03', source: 'https://example.org/x' },
      member('111111111111111111'),
    );
    const a = await r.ask('trade', 'events', { text: 'talks everyone' });
    expect(a.text).not.toMatch(/[^\u200b]@everyone/);
    expect(a.text).toContain('\\\\*\\\\*bold\\\\*\\\\*');
    expect(r.emu.problems).toEqual([]);
  });
});
