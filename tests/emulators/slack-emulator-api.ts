import type { HttpDelivery } from './slack-acks.js';
import type { ChannelSpec, SlackChannel } from './slack-channels.js';
import type { EphemeralMessage } from './slack-chat.js';
import type { StoredMessage } from './slack-history.js';
import type { SlackRateLimitHit } from './slack-rate-limits.js';
import type {
  Params,
  SlackAck,
  SlackCall,
  SlackFault,
  SlackResponse,
  SlackUser,
  SlackViolation,
} from './slack-types.js';
import type { OpenedView } from './slack-web-api.js';

/** A running Slack emulator; the lists are live and grow as traffic arrives. */
export interface SlackEmulator {
  readonly port: number;
  /** `http://127.0.0.1:PORT/api/`: give it to Bolt / WebClient as `slackApiUrl`. */
  readonly apiUrl: string;
  /** Every Web API call, refused ones included. */
  readonly calls: readonly SlackCall[];
  /** Every POST to a response_url from `responseUrl(id)`. */
  readonly responses: readonly SlackResponse[];
  /**
   * Every message, modal and acknowledgement Slack would have refused or given up on (a late ack is
   * 'operation_timeout'): assert this stays empty.
   */
  readonly violations: readonly SlackViolation[];
  /** Every frame Socket Mode clients sent back. */
  readonly acks: readonly SlackAck[];
  /** Every modal opened with views.open. */
  readonly views: readonly OpenedView[];
  /** Every ephemeral message posted. */
  readonly ephemerals: readonly EphemeralMessage[];
  /** Every call refused with 429 for going over chat.postMessage's per-channel limit. */
  readonly rateLimited: readonly SlackRateLimitHit[];
  /** A response_url that records what is POSTed to it under `id`. */
  responseUrl(id: string): string;
  /** The messages stored in `channel`, oldest first. */
  posted(channel: string): StoredMessage[];
  /** When each accepted chat.postMessage to `channel` arrived (ms), for checking the pace of posting. */
  postTimes(channel: string): number[];
  /** Makes the next call(s) of `method` ('response_url' for response_url POSTs) fail with `fault`. */
  failNext(method: string, fault: SlackFault): void;
  /** Adds or replaces a users.info user (flags default to false, tz to UTC). */
  setUser(user: Partial<SlackUser> & { id: string }): void;
  /**
   * Sets up a channel: private or public, and whether the bot is in it. Unknown ids are public channels
   * the bot is not in (ids starting with D are DMs): the bot must join or be invited before it can read them.
   */
  setChannel(id: string, spec: ChannelSpec): void;
  /** The channel `id` as the emulator sees it now (whether the bot has joined, say). */
  channel(id: string): SlackChannel;
  /**
   * POSTs a slash command or interaction body to an HTTP-mode app as Slack does: signed (with the
   * emulator's signing secret unless `secret`), its trigger_id issued, and given up on at the ack deadline.
   * A late ack, or an ack body Slack could not use, is recorded in `violations` (method 'ack').
   */
  sendHttp(
    url: string,
    body: string,
    options?: { secret?: string; headers?: Record<string, string> },
  ): Promise<HttpDelivery>;
  /**
   * Sends a Socket Mode envelope to every connected client; returns its envelope_id. Its trigger_id is
   * issued, and an ack later than the deadline or with an unusable body is recorded in `violations`.
   */
  sendEnvelope(type: string, payload: Params, extra?: Params): string;
  /** Acks are handed to `listener` unparsed and no longer recorded in `acks` (for load generation). */
  streamAcks(listener: (envelopeId: string, text: string) => void): void;
  /** Resolves with the payload of the client's ack of `envelopeId` (undefined for a bare ack). */
  waitForAck(envelopeId: string, ms?: number): Promise<Params | undefined>;
  /** Sends `{type:'disconnect', reason}` to every client, closes the sockets and waits until they are closed. */
  disconnectAll(reason?: string): Promise<void>;
  /** How many Socket Mode clients are connected. */
  connections(): number;
  /** Resolves with the first recorded Web API call matching `predicate` (already recorded or yet to come). */
  waitFor(predicate: (call: SlackCall) => boolean, ms?: number): Promise<SlackCall>;
  /** Resolves once `condition` holds, checked now and after each request, ack and connection change. */
  waitUntil(condition: () => boolean, ms?: number): Promise<void>;
  /** Forgets every recorded call, response, ack, message, view and queued fault. */
  reset(): void;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}
