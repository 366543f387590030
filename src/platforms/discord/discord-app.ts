import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Bot } from '../../bot.js';
import type { Logger } from '../../log/logger.js';
import { discordDelivery } from './discord-delivery.js';
import { interactionHandler } from './interactions.js';

export interface DiscordOptions {
  readonly token: string;
  /** REST base (and so gateway discovery), e.g. a proxy or the test emulator; Discord's own when unset. */
  readonly apiUrl?: string;
  readonly readyTimeoutMs?: number;
}

/** The bot on Discord: a gateway client answering /trade, and REST delivery of scheduled posts. */
export function createDiscord(bot: Bot, o: DiscordOptions, log: Logger) {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: o.apiUrl ? { api: o.apiUrl } : {},
    allowedMentions: { parse: [] },
  });
  client.on(Events.Error, (err) => log.error('discord client error', err));
  client.on(Events.Warn, (m) => log.warn(`discord: ${m}`));
  client.on(Events.InteractionCreate, interactionHandler(bot, log));
  const post = discordDelivery(client.rest);
  return {
    client,
    deliver: post,
    /** Logs in and resolves once the gateway says READY. */
    async start(): Promise<void> {
      const ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('Discord did not become ready in time')),
          o.readyTimeoutMs ?? 30_000,
        );
        client.once(Events.ClientReady, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await client.login(o.token);
      await ready;
    },
    async stop(): Promise<void> {
      await client.destroy();
    },
  };
}

export type DiscordPlatform = ReturnType<typeof createDiscord>;
