import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';
import { silentLog } from '../helpers/bot.js';
import { discordRig } from '../helpers/discord.js';

type Rig = Awaited<ReturnType<typeof discordRig>>;
const ROOT = new URL('../..', import.meta.url).pathname;
const CHANNEL = '444444444444444444';

function schedulerOf(r: Rig) {
  return new Scheduler(
    r.t.bot,
    (channel, reply, key, attempt) => r.discord.deliver(channel.id, reply, key, attempt),
    silentLog,
  );
}

async function subscribe(r: Rig, options: Record<string, string | boolean>) {
  const { id } = r.emu.dispatchInteraction({
    type: 2,
    data: {
      name: 'trade',
      options: [
        {
          type: 1,
          name: 'subscribe',
          options: Object.entries(options).map(([name, value]) => ({
            name,
            type: typeof value === 'boolean' ? 5 : 3,
            value,
          })),
        },
      ],
    },
    channelId: CHANNEL,
  } as never);
  await r.emu.waitForCallback(id, 5000);
  await r.emu.waitFor(() => r.t.store.read().subscriptions.some((s) => s.channel.id === CHANNEL), 5000);
}

describe('digests and reminders reach subscribed Discord channels as embeds, exactly once', () => {
  let r: Rig | undefined;
  afterEach(async () => {
    await r?.close();
    r = undefined;
  });

  it('the 08:00 New York digest arrives at 08:00, once, across a restart and a gateway reconnect', async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
    await subscribe(r, { time: '08:00', zone: 'America/New_York', kinds: 'other' });
    r.t.clock.set(Date.parse('2026-11-26T12:59:00Z'));
    await schedulerOf(r).tick();
    expect(r.emu.messages(CHANNEL)).toHaveLength(0);
    r.t.clock.set(Date.parse('2026-11-26T13:00:00Z')); // 08:00 EST
    await schedulerOf(r).tick();
    r.emu.sendReconnect();
    await r.emu.waitFor(() => r?.emu.resumes, 5000);
    await r.restart(); // a new client and scheduler on the store reopened from its file
    r.t.clock.set(Date.parse('2026-11-26T13:05:00Z'));
    await schedulerOf(r).tick();
    const posted = r.emu.messages(CHANNEL);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.embeds)).toContain('Daily trade digest');
    expect(posted[0]?.allowedMentionsSet).toBe(true);
    expect(discordMessageProblems(posted[0]?.body)).toEqual([]);
  });

  it('a reminder before the Ga/Ge/Sb suspension ends arrives at the exact minute', async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
    await subscribe(r, { zone: 'UTC', leads: '1d', kinds: 'deadline' });
    r.t.clock.set(Date.parse('2026-11-26T00:00:00Z'));
    await schedulerOf(r).tick();
    const posted = r.emu.messages(CHANNEL);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.embeds)).toContain('in 1 day');
  });

  it('a 429 with retry_after is waited out and the message is posted once', async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
    await subscribe(r, { time: '08:00', zone: 'UTC', kinds: 'other' });
    r.emu.failNext('channelMessages', { status: 429, retryAfter: 0.5 });
    r.t.clock.set(Date.parse('2026-11-26T08:00:00Z'));
    expect((await schedulerOf(r).tick()).sent).toBe(1);
    expect(r.emu.messages(CHANNEL)).toHaveLength(1);
  });

  it('a connection dropped after Discord accepted the message: the retry carries the same nonce and posts nothing new', async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
    await subscribe(r, { time: '08:00', zone: 'UTC', kinds: 'other' });
    r.emu.failNext('channelMessages', { dropAfterAccept: true });
    r.t.clock.set(Date.parse('2026-11-26T08:00:00Z'));
    const s = schedulerOf(r);
    await s.tick();
    r.t.clock.set(Date.parse('2026-11-26T08:01:00Z'));
    await s.tick();
    expect(r.emu.messages(CHANNEL)).toHaveLength(1);
    expect(r.t.store.read().ledger.find((e) => e.key === `digest:discord:${CHANNEL}:2026-11-26`)?.state).toBe(
      'sent',
    );
  });

  it('a post retried after Discord forgot its nonce (a restart long after a crash mid-post) is found, not repeated', async () => {
    // The bot has the permissions the README's invite URL grants, Read Message History among them.
    r = await discordRig('2026-11-25T12:00:00Z', { nonceWindowMs: 0 });
    const reply = { title: 'Daily trade digest', sections: [], visibility: 'public' as const };
    const first = await r.discord.deliver(CHANNEL, reply, 'digest:discord:X:2026-11-26', 1);
    // The bot died before recording it as sent; much later the retry comes.
    const retry = await r.discord.deliver(CHANNEL, reply, 'digest:discord:X:2026-11-26', 2);
    expect(retry.ref).toBe(first.ref);
    expect(r.emu.messages(CHANNEL)).toHaveLength(1);
    // A different occurrence is posted.
    await r.discord.deliver(CHANNEL, reply, 'digest:discord:X:2026-11-27', 2);
    expect(r.emu.messages(CHANNEL)).toHaveLength(2);
  });

  it('without Read Message History the lookup sees no messages and the retry shows twice; without View Channel nothing posts', async () => {
    const viewSendEmbed = (1n << 10n) | (1n << 11n) | (1n << 14n); // the old invite URL's 19456
    r = await discordRig('2026-11-25T12:00:00Z', { nonceWindowMs: 0, botPermissions: viewSendEmbed });
    const reply = { title: 'Daily trade digest', sections: [], visibility: 'public' as const };
    await r.discord.deliver(CHANNEL, reply, 'digest:discord:X:2026-11-26', 1);
    await r.discord.deliver(CHANNEL, reply, 'digest:discord:X:2026-11-26', 2);
    expect(r.emu.messages(CHANNEL)).toHaveLength(2);
    await r.close();
    r = await discordRig('2026-11-25T12:00:00Z', { botPermissions: 1n << 11n });
    await expect(r.discord.deliver(CHANNEL, reply, 'digest:discord:X:2026-11-26', 1)).rejects.toThrow(
      /Missing Access/,
    );
    expect(r.emu.messages(CHANNEL)).toHaveLength(0);
  });

  it('npm run deploy-commands registers /trade and /trade-admin within Discord’s rules, idempotently', async () => {
    r = await discordRig('2026-11-25T12:00:00Z');
    const env = {
      ...process.env,
      DISCORD_TOKEN: r.emu.token,
      DISCORD_APP_ID: r.emu.ids.application,
      DISCORD_GUILD_ID: r.emu.ids.guild,
      DISCORD_API_URL: r.emu.apiUrl,
      SLACK_BOT_TOKEN: '',
    };
    for (let i = 0; i < 2; i++) {
      const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn('npm', ['--silent', 'run', 'deploy-commands'], { cwd: ROOT, env });
        let stdout = '';
        child.stdout.on('data', (d) => {
          stdout += d;
        });
        child.on('close', (code) => resolve({ code, stdout }));
      });
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('Registered 2 commands');
    }
    const commands = r.emu.commands(r.emu.ids.guild) as {
      name: string;
      options: { name: string }[];
      default_member_permissions?: string;
    }[];
    expect(commands.map((c) => c.name)).toEqual(['trade', 'trade-admin']);
    expect(commands[0]?.options.map((o) => o.name)).toContain('deadlines');
    expect(commands[1]?.default_member_permissions).toBe('32');
    expect(r.emu.problems).toEqual([]);
  });
});
