import { type Client, DiscordAPIError, Events, REST, Routes, SlashCommandBuilder } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readyClient } from './discord-client.js';
import {
  autocomplete,
  chatInput,
  type DiscordEmulator,
  discordMessageProblems,
  startDiscordEmulator,
} from './discord-emulator.js';

let emu: DiscordEmulator | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await emu?.close();
  client = undefined;
  emu = undefined;
});

/** An emulator with a real, ready discord.js client on it. */
async function connected(options: Parameters<typeof startDiscordEmulator>[0] = {}) {
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 500, ...options });
  const ready = await readyClient(emu);
  client = ready.client;
  return { emu, client: ready.client, errors: ready.errors };
}

const trade = new SlashCommandBuilder()
  .setName('trade')
  .setDescription('Trade-policy briefings')
  .addSubcommand((s) =>
    s
      .setName('deadlines')
      .setDescription('Deadlines ahead')
      .addIntegerOption((o) =>
        o.setName('days').setDescription('Days ahead').setMinValue(1).setMaxValue(365),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('event')
      .setDescription('One event')
      .addStringOption((o) =>
        o.setName('id').setDescription('Event').setRequired(true).setAutocomplete(true),
      ),
  )
  .toJSON();

describe('the Discord emulator with the real discord.js', () => {
  it('logs a client in: READY then GUILD_CREATE make it ready with the guild and its channel', async () => {
    const { emu, client } = await connected();
    expect(emu.identifies).toBe(1);
    expect(client.application.id).toBe(emu.ids.application);
    expect(client.user.id).toBe(emu.ids.botUser);
    expect(client.guilds.cache.get(emu.ids.guild)?.name).toBe('Emulated Guild');
    expect(client.channels.cache.has(emu.ids.channel)).toBe(true);
    await emu.waitFor(() => emu.heartbeats >= 1, 2000, 'a heartbeat');
  });

  it('delivers a chat-input command whose ephemeral reply reaches the callback endpoint', async () => {
    const { emu, client, errors } = await connected();
    const seen: string[] = [];
    client.on(Events.InteractionCreate, async (i) => {
      if (!i.isChatInputCommand()) return;
      seen.push(`${i.commandName} ${i.options.getSubcommand()} ${i.options.getInteger('days')} ${i.user.id}`);
      await i.reply({ content: 'ok', ephemeral: true });
    });
    const { id } = emu.dispatchInteraction(chatInput('trade', 'deadlines', { days: 30 }));
    expect(await emu.waitForCallback(id)).toEqual({
      type: 4,
      data: expect.objectContaining({ content: 'ok', flags: 64 }),
    });
    expect(seen).toEqual([`trade deadlines 30 ${emu.ids.user}`]);
    expect(errors).toEqual([]);
  });

  it('takes deferReply as callback type 5 and editReply as a PATCH of @original', async () => {
    const { emu, client } = await connected();
    client.on(Events.InteractionCreate, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply('three deadlines');
    });
    const { id, token } = emu.dispatchInteraction(chatInput('trade', 'deadlines', {}));
    expect((await emu.waitForCallback(id)).type).toBe(5);
    const edit = await emu.waitFor(() => emu.interactionMessages(token).find((m) => m.via === 'edit'));
    expect(edit.content).toBe('three deadlines');
  });

  it('takes autocomplete choices as callback type 8', async () => {
    const { emu, client } = await connected();
    client.on(Events.InteractionCreate, async (i) => {
      if (!i.isAutocomplete()) return;
      await i.respond([{ name: `Paris talks (${i.options.getFocused()})`, value: 'paris-talks' }]);
    });
    const { id } = emu.dispatchInteraction(autocomplete('trade', 'event', { id: 'par' }, 'id'));
    expect(await emu.waitForCallback(id)).toEqual({
      type: 8,
      data: { choices: [{ name: 'Paris talks (par)', value: 'paris-talks' }] },
    });
  });

  it('stores guild commands put through REST and refuses a body that breaks Discord rules', async () => {
    emu = await startDiscordEmulator();
    const rest = new REST({ api: emu.apiUrl, retries: 0 }).setToken(emu.token);
    const route = Routes.applicationGuildCommands(emu.ids.application, emu.ids.guild);
    await rest.put(route, { body: [trade] });
    expect(emu.commands(emu.ids.guild).map((c) => c.name)).toEqual(['trade']);
    const options = Array.from({ length: 26 }, (_, n) => ({ type: 3, name: `o${n}`, description: 'x' }));
    const bad = rest.put(route, { body: [{ name: 'Trade', description: 'x', options }] });
    await expect(bad).rejects.toSatisfy(
      (e) => e instanceof DiscordAPIError && e.code === 50035 && e.status === 400,
    );
    expect(emu.problems.at(-1)?.problems).toEqual([
      '0.name[APPLICATION_COMMAND_INVALID_NAME]: Command name is invalid',
      '0.options[BASE_TYPE_MAX_LENGTH]: Must be 25 or fewer in length.',
    ]);
    expect(emu.commands(emu.ids.guild).map((c) => c.name)).toEqual(['trade']);
  });

  it('keeps one message when the same nonce is posted twice with enforce_nonce', async () => {
    const { emu, client } = await connected();
    const body = { content: 'digest', nonce: 'digest-2026-03-12', enforce_nonce: true };
    const first = (await client.rest.post(Routes.channelMessages(emu.ids.channel), { body })) as {
      id: string;
    };
    const second = (await client.rest.post(Routes.channelMessages(emu.ids.channel), { body })) as {
      id: string;
    };
    expect(second.id).toBe(first.id);
    expect(emu.messages().map((m) => m.content)).toEqual(['digest']);
  });

  it('after op 7 the client resumes and still receives interactions', async () => {
    const { emu, client } = await connected();
    client.on(Events.InteractionCreate, async (i) => {
      if (i.isChatInputCommand()) await i.reply('still here');
    });
    emu.sendReconnect();
    await emu.waitFor(() => emu.resumes + emu.identifies >= 2, 3000, 'RESUME or IDENTIFY');
    await emu.waitFor(() => emu.connections().some((c) => c.ready), 3000, 'a ready connection');
    const { id } = emu.dispatchInteraction(chatInput('trade', 'deadlines', {}));
    expect((await emu.waitForCallback(id)).data?.content).toBe('still here');
    expect(emu.resumes).toBe(1);
  });

  it('discordMessageProblems catches 26 fields and 6001 characters across embeds', () => {
    const fields = Array.from({ length: 26 }, (_, n) => ({ name: `f${n}`, value: 'v' }));
    expect(discordMessageProblems({ embeds: [{ fields }] })).toEqual([
      'embeds.0.fields[BASE_TYPE_MAX_LENGTH]: Must be 25 or fewer in length.',
    ]);
    const embeds = [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2000), title: 'c' }];
    expect(discordMessageProblems({ embeds })).toEqual([
      'embeds[MAX_EMBED_SIZE_EXCEEDED]: Embed size exceeds maximum size of 6000',
    ]);
    expect(
      discordMessageProblems({
        embeds: [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2000) }],
      }),
    ).toEqual([]);
    expect(discordMessageProblems({ content: 'é'.repeat(2000) })).toEqual([]);
    expect(discordMessageProblems({ content: 'x'.repeat(2001) })).toHaveLength(1);
    // Discord counts code points: an emoji outside the BMP is one character, two UTF-16 units.
    expect(discordMessageProblems({ content: '🇨🇳'.repeat(1000) })).toEqual([]);
    expect(discordMessageProblems({ content: `${'📈'.repeat(1999)}ab` })).toHaveLength(1);
  });

  it('a 429 on channel messages makes discord.js wait retry_after and retry; the message is stored once', async () => {
    const { emu, client } = await connected();
    emu.failNext('channelMessages', { status: 429, retryAfter: 0.3 });
    const started = Date.now();
    await client.rest.post(Routes.channelMessages(emu.ids.channel), { body: { content: 'after the limit' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(emu.messages().map((m) => m.content)).toEqual(['after the limit']);
    const posts = emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('the Discord emulator refuses and fails like Discord', () => {
  /** A raw JSON request to the emulator's REST. */
  async function call(path: string, body: unknown, auth = true, method = 'POST') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth && emu) headers.authorization = `Bot ${emu.token}`;
    const res = await fetch(`${emu?.apiUrl}/v10${path}`, { method, headers, body: JSON.stringify(body) });
    return { status: res.status, json: res.status === 204 ? undefined : await res.json() };
  }

  it('answers 401 without the bot token and 50035 with nested errors for 2001 characters; stores neither', async () => {
    emu = await startDiscordEmulator();
    const path = `/channels/${emu.ids.channel}/messages`;
    expect(await call(path, { content: 'hi' }, false)).toEqual({
      status: 401,
      json: { message: '401: Unauthorized', code: 0 },
    });
    const long = await call(path, { content: 'x'.repeat(2001), allowed_mentions: { parse: [] } });
    expect(long).toEqual({
      status: 400,
      json: {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          content: {
            _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }],
          },
        },
      },
    });
    expect((await call(path, { content: '  ' })).json).toEqual({
      message: 'Cannot send an empty message',
      code: 50006,
    });
    expect(emu.messages()).toEqual([]);
    expect((await call(path, { content: 'ok', allowed_mentions: { parse: [] } })).status).toBe(200);
    expect(emu.messages().map((m) => m.allowedMentionsSet)).toEqual([true]);
  });

  it('dropAfterAccept stores the message and closes the socket unanswered; a 500 is retried by discord.js', async () => {
    const { emu, client } = await connected();
    emu.failNext('channelMessages', { dropAfterAccept: true });
    await expect(
      call(`/channels/${emu.ids.channel}/messages`, { content: 'sent, unanswered' }),
    ).rejects.toThrow();
    emu.failNext('channelMessages', { status: 500 });
    await client.rest.post(Routes.channelMessages(emu.ids.channel), { body: { content: 'after a 500' } });
    expect(emu.messages().map((m) => m.content)).toEqual(['sent, unanswered', 'after a 500']);
    expect(emu.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.status)).toEqual([
      0, 500, 200,
    ]);
  });

  it('refuses a second callback for one interaction with 40060', async () => {
    const { emu, client } = await connected();
    client.on(Events.InteractionCreate, async (i) => {
      if (i.isChatInputCommand()) await i.reply('first');
    });
    const { id, token } = emu.dispatchInteraction(chatInput('trade', 'deadlines', {}));
    await emu.waitForCallback(id);
    const again = await call(
      `/interactions/${id}/${token}/callback`,
      { type: 4, data: { content: 'second' } },
      false,
    );
    expect(again).toEqual({
      status: 400,
      json: { message: 'Interaction has already been acknowledged.', code: 40060 },
    });
  });

  it('refuses a callback for an interaction id it never issued, or with another token, with 10062', async () => {
    const { emu, client } = await connected();
    client.on(Events.InteractionCreate, async (i) => {
      if (i.isChatInputCommand()) await i.reply('first');
    });
    const { id, token } = emu.dispatchInteraction(chatInput('trade', 'deadlines', {}));
    const unknown = { status: 404, json: { message: 'Unknown interaction', code: 10062 } };
    const reply = { type: 4, data: { content: 'forged' } };
    expect(await call(`/interactions/1300000000000000000/${token}/callback`, reply, false)).toEqual(unknown);
    expect(await call(`/interactions/${id}/not-its-token/callback`, reply, false)).toEqual(unknown);
    expect((await emu.waitForCallback(id)).data).toMatchObject({ content: 'first' });
  });

  it('a callback after the deadline gets 10062 and the member sees nothing (deadline scaled to 300 ms)', async () => {
    const { emu, client } = await connected({ callbackDeadlineMs: 300 });
    const failures: unknown[] = [];
    client.on(Events.InteractionCreate, async (i) => {
      if (!i.isChatInputCommand()) return;
      await new Promise((r) => setTimeout(r, 500));
      await i.reply('too late').catch((err: unknown) => failures.push(err));
    });
    const { id } = emu.dispatchInteraction(chatInput('trade', 'deadlines', {}));
    await emu.waitFor(() => failures.length > 0, 3000, 'the late reply to fail');
    expect(failures[0]).toBeInstanceOf(DiscordAPIError);
    expect((failures[0] as DiscordAPIError).code).toBe(10062);
    expect(emu.callback(id)).toBeUndefined();
  });

  it('an interaction token stops working for edits and follow-ups after its lifetime (scaled to 400 ms)', async () => {
    const { emu, client } = await connected({ interactionTokenTtlMs: 400 });
    const failures: unknown[] = [];
    client.on(Events.InteractionCreate, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply();
      await i.editReply('in time');
      await new Promise((r) => setTimeout(r, 600));
      await i.editReply('too late').catch((err: unknown) => failures.push(err));
      await i.followUp('too late').catch((err: unknown) => failures.push(err));
    });
    const { token } = emu.dispatchInteraction(chatInput('trade', 'deadlines', {}));
    await emu.waitFor(() => failures.length === 2, 3000, 'both late calls to fail');
    expect(failures.map((f) => [(f as DiscordAPIError).status, (f as DiscordAPIError).code])).toEqual([
      [401, 50027],
      [401, 50027],
    ]);
    expect(emu.interactionMessages(token).map((m) => m.content)).toEqual(['in time']);
  });
});
