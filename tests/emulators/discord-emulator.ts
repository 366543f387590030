import { messageObject, snowflake } from './discord-fixtures.js';
import type { GatewayConnection } from './discord-gateway.js';
import {
  buttonIds,
  componentPayload,
  type InteractionSpec,
  interactionPayload,
  type MemberSpec,
} from './discord-interactions.js';
import type { JsonObject } from './discord-json.js';
import type { RateLimitHit } from './discord-rate-limits.js';
import { commandScope } from './discord-rest.js';
import { listenDiscord } from './discord-server.js';
import { DiscordState } from './discord-state.js';
import {
  type DiscordEmulatorOptions,
  type DiscordFault,
  type EmulatorIds,
  type FaultRoute,
  type InteractionCallback,
  type ProblemRecord,
  type RequestRecord,
  resolveOptions,
  type StoredMessage,
} from './discord-types.js';
import { waitFor } from './discord-wait.js';

export { autocomplete, chatInput } from './discord-interactions.js';
export { discordMessageProblems } from './discord-limits.js';
export { waitFor } from './discord-wait.js';

/** The id and token of an interaction the emulator sent. */
export interface InteractionRef {
  readonly id: string;
  readonly token: string;
}

/** A loopback Discord: REST v10 at `apiUrl`, the gateway at `gatewayUrl`, and what it recorded. */
export interface DiscordEmulator {
  /** `http://127.0.0.1:PORT/api`, for `new Client({ rest: { api } })` and `new REST({ api })`. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly ids: EmulatorIds;
  readonly identifies: number;
  readonly resumes: number;
  readonly heartbeats: number;
  readonly problems: readonly ProblemRecord[];
  readonly requests: readonly RequestRecord[];
  /** Every request refused with 429 for going over the global limit or a route's bucket. */
  readonly rateLimited: readonly RateLimitHit[];
  /** Open gateway connections. */
  connections(): GatewayConnection[];
  /** Sends INTERACTION_CREATE to every ready connection (throws when none); returns its id and token. */
  dispatchInteraction(spec: InteractionSpec): InteractionRef;
  /**
   * Clicks button `customId` on stored message `messageId` as a member would: a MESSAGE_COMPONENT interaction.
   * Throws when the message or the button does not exist: Discord only sends clicks on buttons it shows.
   */
  clickButton(messageId: string, customId: string, member?: MemberSpec): InteractionRef;
  /** Builds and registers an interaction without sending it, for HTTP-interactions mode. */
  httpInteraction(spec: InteractionSpec): InteractionRef & { readonly payload: JsonObject };
  /** Sends any dispatch event; returns how many connections got it. */
  dispatch(event: string, data: unknown): number;
  sendReconnect(): void;
  sendInvalidSession(resumable: boolean): void;
  dropConnections(): void;
  /** Sets a fault on the next call(s) of `route`. */
  failNext(route: FaultRoute, fault: DiscordFault): void;
  /** Messages accepted in a channel (default: the guild's channel), oldest first. */
  messages(channelId?: string): readonly StoredMessage[];
  /** Interaction replies, edits and follow-ups, optionally of one interaction token. */
  interactionMessages(token?: string): readonly StoredMessage[];
  callback(interactionId: string): InteractionCallback | undefined;
  waitForCallback(interactionId: string, ms?: number): Promise<InteractionCallback>;
  /** Commands stored by the last accepted PUT: global, or of a guild. */
  commands(guildId?: string): readonly JsonObject[];
  waitFor<T>(predicate: () => T, ms?: number, what?: string): Promise<NonNullable<T>>;
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 at a free port. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const o = resolveOptions(options);
  const state = new DiscordState(o);
  const net = await listenDiscord(state, o);
  const { gateway } = net;

  const issue = (spec: InteractionSpec, via: 'gateway' | 'http') => {
    const ref = { id: snowflake(), token: `emu-interaction-token-${snowflake()}` };
    const channelId = spec.channelId ?? o.channelId;
    const known = [
      ...(state.commands.get(commandScope(o.guildId)) ?? []),
      ...(state.commands.get('global') ?? []),
    ];
    const command = known.find((c) => c.name === spec.data.name);
    const commandId = typeof command?.id === 'string' ? command.id : snowflake();
    const payload = interactionPayload(o, spec, { ...ref, commandId });
    state.issued.set(ref.id, { token: ref.token, at: Date.now(), via, channelId });
    return { ...ref, payload };
  };

  return {
    apiUrl: net.apiUrl,
    gatewayUrl: net.gatewayUrl,
    token: o.token,
    ids: {
      application: o.applicationId,
      botUser: o.botUserId,
      guild: o.guildId,
      channel: o.channelId,
      user: o.userId,
    },
    get identifies() {
      return gateway.identifies;
    },
    get resumes() {
      return gateway.resumes;
    },
    get heartbeats() {
      return gateway.heartbeats;
    },
    problems: state.problems,
    requests: state.requests,
    rateLimited: state.limits.hits,
    connections: () => gateway.connections(),
    dispatchInteraction(spec) {
      const { id, token, payload } = issue(spec, 'gateway');
      if (gateway.dispatch('INTERACTION_CREATE', payload) === 0) {
        throw new Error('Discord emulator: no ready gateway connection to send the interaction to');
      }
      return { id, token };
    },
    clickButton(messageId, customId, member) {
      const all = [...state.interactionMessages, ...[...state.channelMessages.values()].flat()];
      const message = all.find((m) => m.id === messageId);
      if (!message) throw new Error(`Discord emulator: no message ${messageId} to click on`);
      if (!buttonIds(message.body).includes(customId))
        throw new Error(`Discord emulator: message ${messageId} has no button ${customId}`);
      const ref = { id: snowflake(), token: `emu-interaction-token-${snowflake()}` };
      const payload = componentPayload(
        o,
        {
          customId,
          message: messageObject(o, message),
          channelId: message.channelId,
          ...(member ? { member } : {}),
        },
        ref,
      );
      state.issued.set(ref.id, {
        token: ref.token,
        at: Date.now(),
        via: 'gateway',
        channelId: message.channelId,
      });
      if (gateway.dispatch('INTERACTION_CREATE', payload) === 0)
        throw new Error('Discord emulator: no ready gateway connection to send the click to');
      return ref;
    },
    httpInteraction: (spec) => issue(spec, 'http'),
    dispatch: (event, data) => gateway.dispatch(event, data),
    sendReconnect: () => void gateway.sendReconnect(),
    sendInvalidSession: (resumable) => void gateway.sendInvalidSession(resumable),
    dropConnections: () => gateway.dropConnections(),
    failNext: (route, fault) => state.addFault(route, fault),
    messages: (channelId = o.channelId) => state.channelMessages.get(channelId) ?? [],
    interactionMessages: (token) =>
      state.interactionMessages.filter((m) => token === undefined || m.token === token),
    callback: (id) => state.callbacks.get(id)?.body,
    waitForCallback: (id, ms = 2000) =>
      waitFor(() => state.callbacks.get(id)?.body, ms, `the callback of interaction ${id}`),
    commands: (guildId) => state.commands.get(commandScope(guildId)) ?? [],
    waitFor,
    async close() {
      await net.close();
    },
  };
}
