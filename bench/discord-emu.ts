import { callbackRoutes } from '../tests/emulators/discord-callbacks.js';
import { snowflake } from '../tests/emulators/discord-fixtures.js';
import type { RestRequest, RestRoute } from '../tests/emulators/discord-http.js';
import { type InteractionSpec, interactionPayload } from '../tests/emulators/discord-interactions.js';
import type { JsonObject } from '../tests/emulators/discord-json.js';
import { commandScope } from '../tests/emulators/discord-rest.js';
import { listenDiscord } from '../tests/emulators/discord-server.js';
import { DiscordState } from '../tests/emulators/discord-state.js';
import {
  type CallbackRecord,
  type DiscordEmulatorOptions,
  type MessageVia,
  type ProblemRecord,
  type RequestRecord,
  resolveOptions,
  type StoredMessage,
} from '../tests/emulators/discord-types.js';

/** Interactions, callbacks and replies are forgotten this long after they happened (far past the 3 s deadline). */
const RETAIN_MS = 60_000;
/** At most this many interaction replies and unremarkable request records are kept (the newest). */
const KEEP_RECORDS = 1_000;

/** Deletes the oldest entries of an insertion-ordered map while `old` says so. */
function dropOldest<K, V>(map: Map<K, V>, old: (value: V) => boolean): void {
  for (const [key, value] of map) {
    if (!old(value)) return;
    map.delete(key);
  }
}

/**
 * A callback map that also indexes the records by interaction token. It keeps each callback's type, not its
 * body: the bench has judged the body by then (onCallback), and holding every reply for RETAIN_MS would make
 * this process's garbage collector work in proportion to the replies' size, charging a larger answer again.
 */
class CallbackMap extends Map<string, CallbackRecord> {
  readonly byToken = new Map<string, CallbackRecord>();
  override set(id: string, record: CallbackRecord): this {
    const slim = { ...record, body: { type: record.body.type } };
    this.byToken.set(record.token, slim);
    return super.set(id, slim);
  }
  override delete(id: string): boolean {
    const record = this.get(id);
    if (record) this.byToken.delete(record.token);
    return super.delete(id);
  }
}

/** DiscordState with indexed lookups by token and bounded records. */
class BenchState extends DiscordState {
  override readonly callbacks = new CallbackMap();
  private readonly channelByToken = new Map<string, string>();
  private lastPrune = 0;

  issue(id: string, token: string, via: 'gateway' | 'http', channelId: string): void {
    const at = Date.now();
    this.issued.set(id, { token, at, via, channelId });
    this.channelByToken.set(token, channelId);
    if (at - this.lastPrune >= 1_000) this.prune(at);
  }

  override callbackByToken(token: string): CallbackRecord | undefined {
    return this.callbacks.byToken.get(token);
  }

  override channelOfToken(token: string): string {
    return this.channelByToken.get(token) ?? this.options.channelId;
  }

  override storeMessage(channelId: string, via: MessageVia, body: JsonObject, token?: string): StoredMessage {
    const message = super.storeMessage(channelId, via, body, token);
    const list = via === 'channel' ? this.channelMessages.get(channelId) : this.interactionMessages;
    if (list && list.length > 2 * KEEP_RECORDS) list.splice(0, list.length - KEEP_RECORDS);
    return message;
  }

  /** Forgets interactions and callbacks older than RETAIN_MS and successful request records beyond the newest. */
  private prune(now: number): void {
    this.lastPrune = now;
    const cutoff = now - RETAIN_MS;
    dropOldest(this.issued, (issued) => {
      if (issued.at >= cutoff) return false;
      this.channelByToken.delete(issued.token);
      return true;
    });
    dropOldest(this.callbacks, (record) => record.at < cutoff);
    if (this.requests.length > 2 * KEEP_RECORDS) {
      const kept = this.requests.filter(
        (r, n) => r.status >= 300 || n >= this.requests.length - KEEP_RECORDS,
      );
      this.requests.splice(0, this.requests.length, ...kept.slice(-KEEP_RECORDS));
    }
  }
}

/** What the bench sees of one interaction callback as the emulator takes it in (before it answers). */
export interface CallbackSeen {
  readonly interactionId: string;
  readonly token: string;
  /** The HTTP status the emulator answers with: 204 accepted, 4xx refused. */
  readonly status: number;
  readonly body: unknown;
}

/** An edit of an interaction's original reply (after a deferred callback, type 5). */
export interface EditSeen {
  readonly token: string;
  readonly status: number;
  readonly body: unknown;
}

export interface BenchEmulator {
  readonly apiUrl: string;
  readonly token: string;
  /** Requests Discord would have refused; must stay empty. */
  readonly problems: readonly ProblemRecord[];
  /** Refused requests, and the newest others. */
  readonly requests: readonly RequestRecord[];
  /** Gateway connections that receive dispatches. */
  readyConnections(): number;
  /** Sends INTERACTION_CREATE to every ready connection (throws when none); returns its id and token. */
  dispatchInteraction(spec: InteractionSpec): { readonly id: string; readonly token: string };
  close(): Promise<void>;
}

export interface BenchEmulatorHooks {
  /** Called for each interaction callback, as soon as the emulator has judged it. */
  readonly onCallback: (seen: CallbackSeen) => void;
  /** Called for each edit of an original reply. */
  readonly onEdit: (seen: EditSeen) => void;
}

/** Wraps a route's handler so `see` learns what it answered. */
function observed(route: RestRoute, see: (request: RestRequest, status: number) => void): RestRoute {
  return {
    ...route,
    handle: (request) => {
      const reply = route.handle(request);
      see(request, reply.status);
      return reply;
    },
  };
}

/** Starts the emulator on 127.0.0.1 at a free port. */
export async function startBenchEmulator(
  hooks: BenchEmulatorHooks,
  options: DiscordEmulatorOptions = {},
): Promise<BenchEmulator> {
  const o = resolveOptions(options);
  const state = new BenchState(o);
  const callbacks = callbackRoutes(state).map((route) => {
    if (route.method === 'POST' && route.pattern.source.startsWith('^\\/interactions'))
      return observed(route, (r, status) =>
        hooks.onCallback({
          interactionId: r.params[0] ?? '',
          token: r.params[1] ?? '',
          status,
          body: r.body,
        }),
      );
    if (route.method === 'PATCH')
      return observed(route, (r, status) => hooks.onEdit({ token: r.params[1] ?? '', status, body: r.body }));
    return route;
  });
  const net = await listenDiscord(state, o, callbacks);
  const { gateway } = net;
  const known = () => [
    ...(state.commands.get(commandScope(o.guildId)) ?? []),
    ...(state.commands.get('global') ?? []),
  ];

  return {
    apiUrl: net.apiUrl,
    token: o.token,
    problems: state.problems,
    requests: state.requests,
    readyConnections: () => gateway.connections().filter((c) => c.ready).length,
    dispatchInteraction(spec) {
      const ref = { id: snowflake(), token: `emu-interaction-token-${snowflake()}` };
      const command = known().find((c) => c.name === spec.data.name);
      const commandId = typeof command?.id === 'string' ? command.id : snowflake();
      const payload = interactionPayload(o, spec, { ...ref, commandId });
      state.issue(ref.id, ref.token, 'gateway', spec.channelId ?? o.channelId);
      if (gateway.dispatch('INTERACTION_CREATE', payload) === 0)
        throw new Error('Discord emulator: no ready gateway connection to send the interaction to');
      return ref;
    },
    async close() {
      await net.close();
    },
  };
}
