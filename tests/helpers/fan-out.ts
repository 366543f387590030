import { type ChannelRef, Subscription } from '../../src/domain/subscription.js';
import { createDiscord } from '../../src/platforms/discord/discord-app.js';
import { createSlack } from '../../src/platforms/slack/slack-app.js';
import { type Deliver, Scheduler, type TickResult } from '../../src/schedule/scheduler.js';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord-emulator.js';
import { type SlackEmulator, startSlackEmulator } from '../emulators/slack-emulator.js';
import { seededBot, silentLog } from './bot.js';
import { invitePermissions } from './discord.js';
import { manifestScopes } from './slack.js';

/** The digest round every fan-out run posts: 09:00 UTC on a weekday the seed has items around. */
export const FAN_OUT_AT = '2026-03-12T09:00:00.000Z';

export type FanOutPlatform = 'slack' | 'discord';

export interface FanOutRunOptions {
  readonly platform: FanOutPlatform;
  readonly channels: number;
  /** Added by the emulator to every API answer. */
  readonly latencyMs: number;
  /** Posts of the platform in flight at once; 1 posts one after another, as before issue 13. */
  readonly concurrency: number;
  /** Called with the emulator before the round, e.g. to queue a fault. */
  readonly before?: (emu: Emulators) => void;
}

export type Emulators =
  | { slack: SlackEmulator; discord?: never }
  | { discord: DiscordEmulator; slack?: never };

export interface FanOutRun {
  readonly result: TickResult;
  /** Wall time of the round (ms): planning, claims, every post and the result writes. */
  readonly ms: number;
  /**
   * What the emulator holds in each channel, oldest first: Slack posts' ledger key (message metadata), Discord
   * posts' footer reference.
   */
  readonly posts: ReadonlyMap<string, readonly string[]>;
  /** 429s the emulator answered for going over a limit (Slack's per channel; Discord's global and buckets). */
  readonly rateLimited: number;
  /** Store writes during the round. */
  readonly writes: number;
  /** What the emulator would have refused (limits, malformed bodies). */
  readonly problems: number;
  /** The ledger after the round: state by key. */
  readonly ledger: ReadonlyMap<string, string>;
  /** The emulator's record of the round, for timing checks. */
  readonly emu: Emulators;
}

/** A channel id for each platform: Slack's C…, Discord's snowflake digits. */
export const channelId = (platform: FanOutPlatform, i: number): string =>
  platform === 'slack' ? `CFAN${String(i).padStart(5, '0')}` : `13000000000000${String(i).padStart(5, '0')}`;

function subscriptions(platform: FanOutPlatform, n: number): Subscription[] {
  return Array.from({ length: n }, (_, i) =>
    Subscription.parse({
      channel: { platform, id: channelId(platform, i) },
      digestTime: '09:00',
      timeZone: 'UTC',
      leadMinutes: [],
      createdAt: '2026-01-15T00:00:00.000Z',
      createdBy: 'fan-out',
    }),
  );
}

/** The platform's app on its emulator, started as the bot starts it, and its Deliver. */
async function platformDeliver(
  platform: FanOutPlatform,
  latencyMs: number,
  bot: Awaited<ReturnType<typeof seededBot>>['bot'],
) {
  if (platform === 'slack') {
    const emu = await startSlackEmulator({ scopes: manifestScopes(), latencyMs });
    const slack = createSlack(
      bot,
      {
        botToken: 'xoxb-test',
        signingSecret: 'test-signing-secret',
        port: 0,
        host: '127.0.0.1',
        apiUrl: emu.apiUrl,
        adminsAreEditors: false,
        wallClock: Date.now,
      },
      silentLog,
    );
    await slack.start();
    const deliver: Deliver = (channel, reply, key, attempt) => slack.deliver(channel.id, reply, key, attempt);
    return { emus: { slack: emu } as Emulators, deliver, stop: () => slack.stop(), close: () => emu.close() };
  }
  const emu = await startDiscordEmulator({ botPermissions: invitePermissions(), latencyMs });
  const discord = createDiscord(
    bot,
    { token: emu.token, apiUrl: emu.apiUrl, readyTimeoutMs: 10_000 },
    silentLog,
  );
  await discord.start();
  const deliver: Deliver = (channel, reply, key, attempt) => discord.deliver(channel.id, reply, key, attempt);
  return {
    emus: { discord: emu } as Emulators,
    deliver,
    stop: () => discord.stop(),
    close: () => emu.close(),
  };
}

/**
 * One 09:00 digest round to `channels` channels of one platform, through the real Slack app or discord.js
 * client against its emulator (strict limits, `latencyMs` per call), on a real bot and durable store. What
 * reached each channel is read at the emulator, not from the bot.
 */
export async function fanOutRun(o: FanOutRunOptions): Promise<FanOutRun> {
  const t = await seededBot(FAN_OUT_AT);
  const p = await platformDeliver(o.platform, o.latencyMs, t.bot);
  try {
    await t.store.update((d) => {
      d.subscriptions = subscriptions(o.platform, o.channels);
      d.scheduler = { ...d.scheduler, cursor: new Date(Date.parse(FAN_OUT_AT) - 60_000).toISOString() };
    });
    t.bot.timeline();
    const revision = t.store.revision;
    const scheduler = new Scheduler(t.bot, p.deliver, silentLog, {
      fanOut: { [o.platform]: o.concurrency },
    });
    o.before?.(p.emus);
    const before = rateLimitCount(p.emus);
    const t0 = performance.now();
    const result = await scheduler.tick();
    const ms = performance.now() - t0;
    const posts = new Map<string, string[]>();
    for (let i = 0; i < o.channels; i++) {
      const id = channelId(o.platform, i);
      posts.set(id, postedKeys(p.emus, id));
    }
    return {
      result,
      ms,
      posts,
      rateLimited: rateLimitCount(p.emus) - before,
      writes: t.store.revision - revision,
      problems: p.emus.slack ? p.emus.slack.violations.length : (p.emus.discord?.problems.length ?? 0),
      ledger: new Map(t.store.read().ledger.map((e) => [e.key, e.state])),
      emu: p.emus,
    };
  } finally {
    await p.stop();
    await p.close();
    await t.close();
  }
}

function rateLimitCount(e: Emulators): number {
  if (e.slack) return e.slack.rateLimited.length;
  return e.discord?.rateLimited.length ?? 0;
}

/** The ledger keys of the posts in a channel: Slack's message metadata; Discord's footer reference. */
function postedKeys(e: Emulators, id: string): string[] {
  if (e.slack)
    return e.slack
      .posted(id)
      .map((m) => String((m.metadata?.event_payload as { key?: string } | undefined)?.key ?? ''));
  return (e.discord?.messages(id) ?? []).map((m) => {
    const embeds = m.embeds as { footer?: { text?: string } }[];
    return embeds.at(-1)?.footer?.text?.split(' · ').at(-1) ?? '';
  });
}

export const channelRef = (platform: FanOutPlatform, i: number): ChannelRef => ({
  platform,
  id: channelId(platform, i),
});
