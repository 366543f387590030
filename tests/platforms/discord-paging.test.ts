import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from '../emulators/discord-emulator.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';
import { discordRig, member } from '../helpers/discord.js';

type Body = {
  flags?: number;
  embeds?: unknown[];
  components?: { type: number; components: { type: number; custom_id?: string; label?: string }[] }[];
};

const ids = (body: Body) =>
  [...JSON.stringify(body.embeds ?? []).matchAll(/ · `([a-z0-9-]+)`/g)].map((m) => m[1]);
const reader = member('222222222222222222');

describe('long lists in Discord: pages and a More button, through the real discord.js client', () => {
  let r: Awaited<ReturnType<typeof discordRig>>;
  beforeAll(async () => {
    r = await discordRig('2026-11-09T12:00:00Z');
  });
  afterAll(() => r.close());

  it('`/trade events when:all` has a More button; clicking it answers privately with page 2', async () => {
    const { id, token } = r.emu.dispatchInteraction(chatInput('trade', 'events', { when: 'all' }, reader));
    await r.emu.waitForCallback(id, 5000);
    const shown = await r.emu.waitFor(
      () => r.emu.interactionMessages(token).findLast((m) => m.via === 'original' || m.via === 'edit'),
      5000,
    );
    const body = shown.body as Body;
    expect(discordMessageProblems(body)).toEqual([]);
    const pages = Number(/Page 1 of (\d+)/.exec(JSON.stringify(body.embeds))?.[1]);
    expect(pages).toBeGreaterThan(5);
    const button = body.components?.[0]?.components[0];
    expect(button).toMatchObject({
      type: 2,
      custom_id: 'cmd:events when:all page:2',
      label: `More (page 2 of ${pages})`,
    });
    const first = ids(body);
    expect(first).toHaveLength(15);

    const click = r.emu.clickButton(shown.id, button?.custom_id ?? '', reader);
    const cb = await r.emu.waitForCallback(click.id, 5000);
    expect(cb.type).toBe(4);
    const page2 = cb.data as Body;
    expect((page2.flags ?? 0) & 64).toBe(64);
    expect(JSON.stringify(page2.embeds)).toContain(`Page 2 of ${pages}`);
    expect(page2.components?.[0]?.components[0]?.custom_id).toBe('cmd:events when:all page:3');
    const second = ids(page2);
    expect(second).toHaveLength(15);
    expect(second.filter((x) => first.includes(x))).toEqual([]);
    expect(r.emu.problems).toEqual([]);
  });

  it('the last page has no button, and a short list none at all', async () => {
    const ask = await r.ask('trade', 'deadlines', { days: 30 }, reader);
    expect(ask.text).not.toContain('Page 1 of');
    expect((ask.body as Body).components ?? []).toEqual([]);
  });
});

describe('the Discord emulator checks components as Discord does', () => {
  const row = (components: unknown[]) => ({
    embeds: [{ title: 't' }],
    components: [{ type: 1, components }],
  });
  const button = (custom_id: string, label = 'More') => ({ type: 2, style: 2, label, custom_id });

  it('accepts 5 rows of 5 buttons with ids of 100 characters and labels of 80', () => {
    const rows = Array.from({ length: 5 }, () => ({
      type: 1,
      components: Array.from({ length: 5 }, (_, n) => button(`${n}`.padEnd(100, 'x'), 'l'.repeat(80))),
    }));
    expect(discordMessageProblems({ embeds: [{ title: 't' }], components: rows })).toEqual([]);
  });

  it('refuses a custom_id over 100, a label over 80, a sixth button in a row and a sixth row', () => {
    expect(discordMessageProblems(row([button('x'.repeat(101))])).join()).toMatch(
      /components\.0\.components\.0\.custom_id/,
    );
    expect(discordMessageProblems(row([button('a', 'l'.repeat(81))])).join()).toMatch(
      /components\.0\.components\.0\.label/,
    );
    expect(discordMessageProblems(row(Array.from({ length: 6 }, (_, n) => button(`b${n}`)))).join()).toMatch(
      /components\.0\.components/,
    );
    const six = Array.from({ length: 6 }, () => ({ type: 1, components: [button('a')] }));
    expect(discordMessageProblems({ embeds: [{ title: 't' }], components: six }).join()).toMatch(
      /components/,
    );
  });

  it('will not send a click on a button the message does not have', async () => {
    const r = await discordRig('2026-11-09T12:00:00Z');
    try {
      const { id, token } = r.emu.dispatchInteraction(chatInput('trade', 'deadlines', {}, reader));
      await r.emu.waitForCallback(id, 5000);
      const shown = await r.emu.waitFor(() => r.emu.interactionMessages(token)[0], 5000);
      expect(() => r.emu.clickButton(shown.id, 'cmd:remove paris-talks-2026', reader)).toThrow(/no button/);
    } finally {
      await r.close();
    }
  });
});

describe('a slow press in Discord', () => {
  it('is acknowledged without touching the message, then answered privately with the page', async () => {
    const r = await discordRig('2026-11-09T12:00:00Z', {}, { slowMs: 2000 });
    try {
      const { id, token } = r.emu.dispatchInteraction(chatInput('trade', 'events', { when: 'all' }, reader));
      await r.emu.waitForCallback(id, 5000);
      const shown = await r.emu.waitFor(
        () => r.emu.interactionMessages(token).findLast((m) => m.via === 'original' || m.via === 'edit'),
        8000,
      );
      const click = r.emu.clickButton(shown.id, 'cmd:events when:all page:2', reader);
      expect((await r.emu.waitForCallback(click.id, 5000)).type).toBe(6);
      const answer = await r.emu.waitFor(() => r.emu.interactionMessages(click.token).at(-1), 8000);
      expect(answer.via).toBe('followUp');
      const body = answer.body as Body;
      expect((body.flags ?? 0) & 64).toBe(64);
      expect(JSON.stringify(body.embeds)).toMatch(/Page 2 of \d+/);
      expect(r.emu.problems).toEqual([]);
    } finally {
      await r.close();
    }
  }, 30_000);
});
