import { EVERYONE_PERMISSIONS, humanUser, memberOf, textChannel } from './discord-fixtures.js';
import type { JsonObject } from './discord-json.js';
import type { ResolvedOptions } from './discord-types.js';

/** A typed option value: strings are STRING (3), integers INTEGER (4), other numbers NUMBER (10), booleans BOOLEAN (5). */
export type OptionValue =
  | string
  | number
  | boolean
  | { readonly type: number; readonly value: string | number | boolean };

/** One option as Discord sends it inside interaction data. */
export interface InteractionOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number | boolean;
  readonly focused?: boolean;
  readonly options?: readonly InteractionOption[];
}

/** Who invokes: a guild member (defaults: the emulator's user, named 'alice', with @everyone's permissions). */
export interface MemberSpec {
  readonly userId?: string;
  readonly username?: string;
  /** The member's permissions bit set, as a decimal string ('0' for none). */
  readonly permissions?: string;
  readonly roles?: readonly string[];
}

/** What to dispatch: an application command (type 2) or autocomplete (type 4) with its data. */
export interface InteractionSpec {
  readonly type: 2 | 4;
  readonly data: { readonly name: string; readonly options: readonly InteractionOption[] };
  readonly member?: MemberSpec;
  readonly channelId?: string;
  readonly locale?: string;
}

function typed(name: string, value: OptionValue, focused: boolean): InteractionOption {
  const explicit = typeof value === 'object' ? value : undefined;
  const raw = explicit ? explicit.value : (value as string | number | boolean);
  const type =
    explicit?.type ??
    (typeof raw === 'string' ? 3 : typeof raw === 'boolean' ? 5 : Number.isInteger(raw) ? 4 : 10);
  return { name, type, value: raw, ...(focused ? { focused: true } : {}) };
}

function commandData(
  name: string,
  subcommand: string | null,
  options: Readonly<Record<string, OptionValue>>,
  focused?: string,
): InteractionSpec['data'] {
  const list = Object.entries(options).map(([key, value]) => typed(key, value, key === focused));
  return { name, options: subcommand === null ? list : [{ name: subcommand, type: 1, options: list }] };
}

/** `/name subcommand key:value…` as a chat-input command (subcommand null for a command without one). */
export function chatInput(
  name: string,
  subcommand: string | null,
  options: Readonly<Record<string, OptionValue>> = {},
  member?: MemberSpec,
): InteractionSpec {
  return { type: 2, data: commandData(name, subcommand, options), ...(member ? { member } : {}) };
}

/** Autocomplete for `/name subcommand` while the user types into option `focused` (its value: the partial text). */
export function autocomplete(
  name: string,
  subcommand: string | null,
  options: Readonly<Record<string, OptionValue>>,
  focused: string,
  member?: MemberSpec,
): InteractionSpec {
  return { type: 4, data: commandData(name, subcommand, options, focused), ...(member ? { member } : {}) };
}

/** The INTERACTION_CREATE payload discord.js needs for `spec`, with the given id, token and command id. */
export function interactionPayload(
  o: ResolvedOptions,
  spec: InteractionSpec,
  ids: { readonly id: string; readonly token: string; readonly commandId: string },
): JsonObject {
  const member = spec.member ?? {};
  const user = humanUser(member.userId ?? o.userId, member.username ?? 'alice');
  const channelId = spec.channelId ?? o.channelId;
  const permissions = member.permissions ?? EVERYONE_PERMISSIONS;
  return {
    id: ids.id,
    application_id: o.applicationId,
    type: spec.type,
    token: ids.token,
    version: 1,
    guild_id: o.guildId,
    channel_id: channelId,
    channel: textChannel(o, channelId),
    member: memberOf(user, permissions, member.roles ?? []),
    app_permissions: EVERYONE_PERMISSIONS,
    locale: spec.locale ?? 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: o.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    data: {
      id: ids.commandId,
      name: spec.data.name,
      type: 1,
      guild_id: o.guildId,
      options: spec.data.options,
    },
  };
}

/** A click on a message's button: a MESSAGE_COMPONENT interaction (type 3) carrying the message it sits on. */
export interface ComponentSpec {
  readonly customId: string;
  /** The message object the button is on, as Discord returns it. */
  readonly message: JsonObject;
  readonly member?: MemberSpec;
  readonly channelId?: string;
}

/** The INTERACTION_CREATE payload of a button click (type 3, component_type 2). */
export function componentPayload(
  o: ResolvedOptions,
  spec: ComponentSpec,
  ids: { readonly id: string; readonly token: string },
): JsonObject {
  const member = spec.member ?? {};
  const user = humanUser(member.userId ?? o.userId, member.username ?? 'alice');
  const channelId = spec.channelId ?? o.channelId;
  return {
    id: ids.id,
    application_id: o.applicationId,
    type: 3,
    token: ids.token,
    version: 1,
    guild_id: o.guildId,
    channel_id: channelId,
    channel: textChannel(o, channelId),
    member: memberOf(user, member.permissions ?? EVERYONE_PERMISSIONS, member.roles ?? []),
    app_permissions: EVERYONE_PERMISSIONS,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: o.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    message: spec.message,
    data: { custom_id: spec.customId, component_type: 2 },
  };
}

/** The custom_ids of the buttons on a message body. */
export function buttonIds(body: JsonObject): string[] {
  const rows = Array.isArray(body.components) ? body.components : [];
  return rows.flatMap((row) => {
    const children = (row as { components?: unknown }).components;
    return Array.isArray(children)
      ? children.flatMap((c) => {
          const id = (c as { custom_id?: unknown }).custom_id;
          return typeof id === 'string' ? [id] : [];
        })
      : [];
  });
}
