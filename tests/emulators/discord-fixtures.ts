import type { JsonObject } from './discord-json.js';
import type { ResolvedOptions, StoredMessage } from './discord-types.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake carrying the current time, as Discord's ids do. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment);
}

/** The join date every member carries. */
export const JOINED = '2024-01-01T00:00:00.000000+00:00';
/** The permissions bit set the guild's @everyone role and default members get. */
export const EVERYONE_PERMISSIONS = '1071698660929';

/** The bot user, as READY and message authors show it. */
export function botUser(o: ResolvedOptions): JsonObject {
  return {
    id: o.botUserId,
    username: 'tradebot',
    discriminator: '0000',
    global_name: null,
    avatar: null,
    bot: true,
  };
}

/** A human user as interactions carry it. */
export function humanUser(id: string, username: string): JsonObject {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

/** A guild text channel. */
export function textChannel(o: ResolvedOptions, id = o.channelId): JsonObject {
  return {
    id,
    type: 0,
    guild_id: o.guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

/** The member object of an interaction's invoker. */
export function memberOf(user: JsonObject, permissions: string, roles: readonly string[]): JsonObject {
  return {
    user,
    roles,
    joined_at: JOINED,
    deaf: false,
    mute: false,
    flags: 0,
    permissions,
    pending: false,
    nick: null,
  };
}

/** A stored message as Discord's REST returns it. */
export function messageObject(o: ResolvedOptions, m: StoredMessage): JsonObject {
  return {
    id: m.id,
    channel_id: m.channelId,
    author: botUser(o),
    content: m.content,
    timestamp: new Date(m.at).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: Array.isArray(m.body.attachments) ? m.body.attachments : [],
    embeds: m.embeds,
    components: Array.isArray(m.body.components) ? m.body.components : [],
    pinned: false,
    type: m.via === 'original' || m.via === 'edit' ? 20 : 0,
    flags: m.flags,
    ...(m.nonce === undefined ? {} : { nonce: m.nonce }),
    ...(m.token === undefined ? {} : { webhook_id: o.applicationId, application_id: o.applicationId }),
  };
}
