import type { Bot } from '../bot.js';
import type { Logger } from '../log/logger.js';
import type { Deliver } from '../schedule/scheduler.js';
import { ConsoleChannel } from './console.js';

export interface Platforms {
  /** Routes a scheduled post to the platform of its channel. */
  readonly deliver: Deliver;
  /** The chat platforms that were started (none: the terminal is the only one). */
  readonly names: readonly string[];
  /** Each started platform and whether it is connected now (the terminal always is). */
  connected(): Record<string, boolean>;
  stop(): Promise<void>;
}

/** Starts Slack and Discord where their tokens are set; the terminal always prints its own channel's posts. */
export async function startPlatforms(bot: Bot, log: Logger, wallClock: () => number): Promise<Platforms> {
  const c = bot.config;
  const terminal = new ConsoleChannel(bot, process.stdout);
  const stops: (() => Promise<void>)[] = [];
  const routes: Partial<Record<string, Deliver>> = {
    console: async (_channel, reply) => {
      terminal.print(reply);
      return undefined;
    },
  };
  const names: string[] = [];
  const status: Record<string, () => boolean> = { console: () => true };
  // Each SDK is loaded only when its platform is configured: the terminal bot starts without Bolt or discord.js.
  if (c.SLACK_BOT_TOKEN) {
    const { createSlack } = await import('./slack/slack-app.js');
    const slack = createSlack(
      bot,
      {
        botToken: c.SLACK_BOT_TOKEN,
        appToken: c.SLACK_APP_TOKEN,
        signingSecret: c.SLACK_SIGNING_SECRET,
        port: c.PORT,
        apiUrl: c.SLACK_API_URL,
        adminsAreEditors: c.SLACK_ADMINS_ARE_EDITORS,
        wallClock,
      },
      log,
    );
    const { port } = await slack.start();
    log.info(
      c.SLACK_APP_TOKEN
        ? 'slack: connected over Socket Mode'
        : `slack: listening on port ${port} at /slack/events`,
    );
    routes.slack = (channel, reply, key, attempt) => slack.deliver(channel.id, reply, key, attempt);
    stops.push(() => slack.stop());
    names.push('slack');
    status.slack = slack.connected;
  }
  if (c.DISCORD_TOKEN) {
    const { createDiscord } = await import('./discord/discord-app.js');
    const discord = createDiscord(bot, { token: c.DISCORD_TOKEN, apiUrl: c.DISCORD_API_URL }, log);
    await discord.start();
    log.info('discord: connected to the gateway');
    routes.discord = (channel, reply, key, attempt) => discord.deliver(channel.id, reply, key, attempt);
    stops.push(() => discord.stop());
    names.push('discord');
    status.discord = () => discord.client.isReady();
  }
  return {
    names,
    connected: () => Object.fromEntries(Object.entries(status).map(([name, up]) => [name, up()])),
    deliver: (channel, reply, key, attempt) => {
      const route = routes[channel.platform];
      if (!route) return Promise.reject(new Error(`${channel.platform} is not connected in this process`));
      return route(channel, reply, key, attempt);
    },
    async stop() {
      for (const stop of stops) await stop().catch((err) => log.warn('a platform did not stop cleanly', err));
    },
  };
}
