import { botUser, EVERYONE_PERMISSIONS, JOINED, textChannel } from './discord-fixtures.js';
import type { JsonObject } from './discord-json.js';
import type { ResolvedOptions } from './discord-types.js';

/** READY for a new session, listing the guild as unavailable until GUILD_CREATE. */
export function readyPayload(
  o: ResolvedOptions,
  sessionId: string,
  resumeUrl: string,
  shard: unknown,
): JsonObject {
  return {
    v: 10,
    user: { ...botUser(o), flags: 0, verified: true, mfa_enabled: false, email: null },
    guilds: [{ id: o.guildId, unavailable: true }],
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: resumeUrl,
    shard: Array.isArray(shard) ? shard : [0, 1],
    application: { id: o.applicationId, flags: 0 },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    user_settings: {},
    geo_ordered_rtc_regions: [],
  };
}

/** GUILD_CREATE with the fields discord.js reads: one role, the bot as member, one text channel. */
export function guildCreate(o: ResolvedOptions): JsonObject {
  return {
    id: o.guildId,
    name: 'Emulated Guild',
    icon: null,
    owner_id: o.userId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: o.guildId,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: EVERYONE_PERMISSIONS,
      },
    ].map((r) => ({ ...r, managed: false, mentionable: false, flags: 0 })),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    preferred_locale: 'en-US',
    premium_tier: 0,
    nsfw_level: 0,
    joined_at: JOINED,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: botUser(o), roles: [], joined_at: JOINED, deaf: false, mute: false, flags: 0 }],
    channels: [textChannel(o)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}
