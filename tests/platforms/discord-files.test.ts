import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordDelivery } from '../../src/platforms/discord/discord-delivery.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';
import { discordRig } from '../helpers/discord.js';
import { lookAt } from '../helpers/png.js';

type Shown = {
  embeds?: { image?: { url?: string } }[];
  attachments?: { filename?: string; size?: number }[];
};

describe('charts in Discord: the PNG attached to the reply and shown in its embed', () => {
  let r: Awaited<ReturnType<typeof discordRig>>;
  beforeAll(async () => {
    r = await discordRig('2026-03-12T09:00:00Z');
  });
  afterAll(() => r.close());

  it('/trade chart tariffs attaches tariffs-CN.png (multipart) and the embed shows attachment://tariffs-CN.png', async () => {
    const a = await r.ask('trade', 'chart', { type: 'tariffs', country: 'CN' });
    const body = a.body as Shown;
    expect(a.ephemeral).toBe(true);
    expect(body.embeds?.[0]?.image?.url).toBe('attachment://tariffs-CN.png');
    expect(body.attachments?.map((x) => x.filename)).toEqual(['tariffs-CN.png']);
    expect(discordMessageProblems(body)).toEqual([]);
    const file = r.emu.attachments.at(-1);
    expect(file?.filename).toBe('tariffs-CN.png');
    expect(file?.contentType).toBe('image/png');
    expect(file?.description).toContain('Step chart of the US tariff on all goods from China');
    expect(file?.bytes.length).toBeLessThan(25 * 1024 * 1024);
    const look = lookAt(file?.bytes ?? new Uint8Array());
    expect(look.width).toBeGreaterThanOrEqual(800);
    expect(look.height).toBeGreaterThanOrEqual(400);
    expect(r.emu.problems).toEqual([]);
  });

  it('/trade calendar attaches the .ics (text/calendar, no embed image) to the private answer', async () => {
    const a = await r.ask('trade', 'calendar', { country: 'CN' });
    const body = a.body as Shown;
    expect(a.ephemeral).toBe(true);
    expect(body.attachments?.map((x) => x.filename)).toEqual(['trade-brief-CN.ics']);
    expect(body.embeds?.[0]?.image).toBeUndefined();
    const file = r.emu.attachments.at(-1);
    expect(file?.filename).toBe('trade-brief-CN.ics');
    const text = new TextDecoder().decode(file?.bytes);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('UID:paris-talks-2026@trade-brief');
    expect(r.emu.problems).toEqual([]);
  });

  it('asked twice in a minute, the second answer (from the cache) still carries its file', async () => {
    const before = r.emu.attachments.length;
    await r.ask('trade', 'chart', { type: 'timeline', days: 30 });
    await r.ask('trade', 'chart', { type: 'timeline', days: 30 });
    await r.ask('trade', 'chart', { type: 'timeline', days: 30 });
    expect(r.emu.attachments.slice(before).map((f) => f.filename)).toEqual([
      'timeline.png',
      'timeline.png',
      'timeline.png',
    ]);
    expect(r.emu.problems).toEqual([]);
  });

  it('share:yes posts it for everyone; a chart with nothing to draw attaches nothing', async () => {
    const shared = await r.ask('trade', 'chart', { type: 'timeline', share: true });
    expect(shared.ephemeral).toBe(false);
    expect((shared.body as Shown).embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    const before = r.emu.attachments.length;
    const none = await r.ask('trade', 'chart', { type: 'tariffs', country: 'US' });
    expect(none.text).toContain('nothing to draw');
    expect((none.body as Shown).embeds?.[0]?.image).toBeUndefined();
    expect(r.emu.attachments.length).toBe(before);
  });

  it('a scheduled post to a channel carries its chart too', async () => {
    const rest = new REST({ api: r.emu.apiUrl }).setToken(r.emu.token);
    const post = discordDelivery(rest);
    const reply = await r.t.ask('chart timeline');
    await post(r.emu.ids.channel, { ...reply, visibility: 'public' }, 'weekly:test', 1);
    const [message] = r.emu.messages();
    expect(((message?.body ?? {}) as Shown).embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    expect(r.emu.attachments.at(-1)?.route).toBe(`POST /channels/${r.emu.ids.channel}/messages`);
  });
});

describe('the emulator keeps Discord’s attachment rules', () => {
  let r: Awaited<ReturnType<typeof discordRig>>;
  beforeAll(async () => {
    r = await discordRig('2026-03-12T09:00:00Z');
  });
  afterAll(() => r.close());

  const rest = () => new REST({ api: r.emu.apiUrl, retries: 0 }).setToken(r.emu.token);
  const png = (n: number) => Buffer.alloc(n, 1);
  const post = (body: object, files: { name: string; data: Buffer }[]) =>
    rest()
      .post(`/channels/${r.emu.ids.channel}/messages`, { body, files })
      .then(
        () => 200,
        (err: { status?: number }) => err.status ?? 0,
      );

  it('refuses 11 files, 25 MiB and more, an embed image with no such file, and an attachments id with no part', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.png`, data: png(10) }));
    expect(await post({ content: 'x' }, eleven)).toBe(413);
    expect(await post({ content: 'x' }, [{ name: 'big.png', data: png(25 * 1024 * 1024 + 1) }])).toBe(413);
    expect(
      await post({ embeds: [{ title: 't', image: { url: 'attachment://missing.png' } }] }, [
        { name: 'chart.png', data: png(10) },
      ]),
    ).toBe(400);
    expect(
      await post({ content: 'x', attachments: [{ id: '3' }] }, [{ name: 'chart.png', data: png(10) }]),
    ).toBe(400);
    expect(
      await post(
        { embeds: [{ title: 't', image: { url: 'attachment://chart.png' } }], attachments: [{ id: '0' }] },
        [{ name: 'chart.png', data: png(10) }],
      ),
    ).toBe(200);
  });
});
