import type { JsonObject } from './discord-json.js';
import { DISCORD_RATE_LIMITS, type DiscordRateLimitOptions } from './discord-rate-limits.js';

/** Settings of `startDiscordEmulator`; every one has a default. */
export interface DiscordEmulatorOptions {
  /** The bot token REST calls and IDENTIFY must carry (default 'discord-test-token'). */
  readonly token?: string;
  readonly applicationId?: string;
  /** The bot's user id (default: the application id, as on Discord). */
  readonly botUserId?: string;
  readonly guildId?: string;
  /** The guild's one text channel, where interactions happen by default. */
  readonly channelId?: string;
  /** The human who invokes commands by default. */
  readonly userId?: string;
  /** The heartbeat_interval sent in HELLO (default 1000 ms: short, for tests). */
  readonly heartbeatIntervalMs?: number;
  /** After this long an interaction's callback is refused as Unknown interaction, like Discord (default 3000). */
  readonly callbackDeadlineMs?: number;
  /** How long `enforce_nonce` remembers a nonce per channel (default 3 minutes). */
  readonly nonceWindowMs?: number;
  /**
   * The bot's permissions in every channel, as the invite URL's `permissions` integer (default: View
   * Channel, Send Messages, Embed Links and Read Message History, 84992).
   */
  readonly botPermissions?: bigint;
  /** How long an interaction token works for edits and follow-ups, like Discord (default 15 minutes). */
  readonly interactionTokenTtlMs?: number;
  /** Discord's rate limits (default: 50 requests a second, 5 messages per channel per 5 s); false lifts them. */
  readonly rateLimits?: DiscordRateLimitOptions | false;
  /** Added to every REST answer, as a network and Discord's own time would (default 0). */
  readonly latencyMs?: number;
}

/** The permission bits the emulator checks (Discord's values). */
export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  readMessageHistory: 1n << 16n,
} as const;

/** The options with every default filled in. */
export type ResolvedOptions = Required<DiscordEmulatorOptions>;

/** Fills in the defaults of `options`. */
export function resolveOptions(options: DiscordEmulatorOptions = {}): ResolvedOptions {
  const applicationId = options.applicationId ?? '1200000000000000001';
  return {
    token: options.token ?? 'discord-test-token',
    applicationId,
    botUserId: options.botUserId ?? applicationId,
    guildId: options.guildId ?? '1200000000000000002',
    channelId: options.channelId ?? '1200000000000000003',
    userId: options.userId ?? '1200000000000000004',
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
    callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
    nonceWindowMs: options.nonceWindowMs ?? 180_000,
    botPermissions:
      options.botPermissions ??
      PERMISSIONS.viewChannel |
        PERMISSIONS.sendMessages |
        PERMISSIONS.embedLinks |
        PERMISSIONS.readMessageHistory,
    interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
    rateLimits: options.rateLimits ?? DISCORD_RATE_LIMITS,
    latencyMs: options.latencyMs ?? 0,
  };
}

/** How a message reached the emulator. */
export type MessageVia = 'channel' | 'original' | 'edit' | 'followUp';

/** A message Discord accepted: a channel post, an interaction's original reply, an edit of it, or a follow-up. */
export interface StoredMessage {
  readonly id: string;
  readonly channelId: string;
  readonly via: MessageVia;
  /** The interaction token, for interaction messages. */
  readonly token?: string;
  readonly content: string;
  readonly embeds: readonly unknown[];
  readonly flags: number;
  /** Whether the body set `allowed_mentions` (a bot posting user text should). */
  readonly allowedMentionsSet: boolean;
  readonly nonce?: string | number;
  readonly body: JsonObject;
  readonly at: number;
}

/** An interaction callback body as received: `{ type, data? }`. */
export interface InteractionCallback {
  readonly type: number;
  readonly data?: JsonObject;
}

/** One accepted interaction callback. */
export interface CallbackRecord {
  readonly interactionId: string;
  readonly token: string;
  readonly body: InteractionCallback;
  readonly at: number;
}

/** A request Discord would have refused, and why (Discord's codes and wording). */
export interface ProblemRecord {
  readonly route: string;
  readonly status: number;
  readonly problems: readonly string[];
  readonly body: unknown;
  readonly at: number;
}

/** One REST request as answered. */
export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly authorization?: string;
  readonly at: number;
}

/** Routes that faults can be set on. */
export type FaultRoute = 'channelMessages' | 'interactionCallback' | 'webhookMessages' | 'commands';

/** A fault for the next `times` (default 1) calls of a route: a 429, a 5xx, or an accepted-then-dropped request. */
export type DiscordFault = (
  | { readonly status: 429; readonly retryAfter: number; readonly global?: boolean }
  | { readonly status: 500 | 502 | 503 | 504 }
  | { readonly dropAfterAccept: true }
) & { readonly times?: number };

/** The ids the emulator's guild is made of. */
export interface EmulatorIds {
  readonly application: string;
  readonly botUser: string;
  readonly guild: string;
  readonly channel: string;
  readonly user: string;
}
