import { readFileSync } from 'node:fs';
import { createDiscord, type DiscordPlatform } from '../../src/platforms/discord/discord-app.js';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord-emulator.js';
import { chatInput, type MemberSpec } from '../emulators/discord-interactions.js';
import { restarted, seededBot, silentLog, slowed } from './bot.js';

export const MANAGE_GUILD = String(1n << 5n);
export const member = (userId: string, permissions = '0'): MemberSpec => ({ userId, permissions });

export interface Answer {
  /** The callback type: 4 answered at once, 5 deferred then edited. */
  readonly type: number;
  readonly ephemeral: boolean;
  readonly body: {
    embeds?: { title?: string; description?: string; fields?: unknown[]; footer?: unknown }[];
    allowed_mentions?: unknown;
  };
  readonly text: string;
}

/** The permissions the README's invite URL grants the bot: what a server that used it gives it. */
export function invitePermissions(): bigint {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const found = /https:\/\/discord\.com\/oauth2\/authorize\?[^\s`]*permissions=(\d+)/.exec(readme);
  if (!found?.[1]) throw new Error('README.md has no Discord invite URL with permissions');
  return BigInt(found[1]);
}

/** A loopback Discord, a seeded bot and our real discord.js client, wired together and ready. */
export async function discordRig(
  nowIso: string,
  emulator: Parameters<typeof startDiscordEmulator>[0] = {},
  o: { slowMs?: number } = {},
) {
  const emu: DiscordEmulator = await startDiscordEmulator({
    botPermissions: invitePermissions(),
    ...emulator,
  });
  let t = await seededBot(nowIso, { EDITORS: 'discord:111111111111111111' });
  const client = async (bot: typeof t.bot) => {
    const platform: DiscordPlatform = createDiscord(
      o.slowMs ? slowed(bot, o.slowMs) : bot,
      { token: emu.token, apiUrl: emu.apiUrl, readyTimeoutMs: 10_000 },
      silentLog,
    );
    await platform.start();
    return platform;
  };
  let discord = await client(t.bot);
  /** Runs `/name subcommand options` as a member would and returns what they see. */
  async function ask(
    name: string,
    sub: string,
    options: Record<string, string | number | boolean> = {},
    who = member('222222222222222222'),
  ): Promise<Answer> {
    const { id, token } = emu.dispatchInteraction(chatInput(name, sub, options, who));
    const cb = await emu.waitForCallback(id, 5000);
    let body = (cb.data ?? {}) as Answer['body'] & { flags?: number };
    const ephemeral = ((body.flags ?? 0) & 64) === 64;
    if (cb.type === 5) {
      const edited = await emu.waitFor(
        () => emu.interactionMessages(token).find((m) => m.via === 'original' || m.via === 'edit'),
        5000,
      );
      body = edited.body as typeof body;
    }
    return {
      type: cb.type,
      ephemeral: ephemeral || ((body.flags ?? 0) & 64) === 64,
      body,
      text: JSON.stringify(body.embeds ?? []),
    };
  }
  const rig = {
    emu,
    t,
    discord,
    ask,
    /** Stops our client and starts a new one on the store reopened from its file, as a new process would. */
    async restart() {
      await discord.stop();
      t = await restarted(t);
      discord = await client(t.bot);
      Object.assign(rig, { t, discord });
    },
    async close() {
      await discord.stop();
      await t.close();
      await emu.close();
    },
  };
  return rig;
}
