import type { IncomingHttpHeaders } from 'node:http';
import { SLACK_POST_LIMIT, type SlackPostLimit } from './slack-rate-limits.js';

/** A parsed request body or payload: form fields are strings, JSON bodies keep their types. */
export type Params = Record<string, unknown>;

/** One Web API call as the emulator received it. */
export interface SlackCall {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Params;
  readonly at: number;
}

/** One POST to a response_url handed out by `responseUrl(id)`. */
export interface SlackResponse {
  readonly id: string;
  readonly body: Params;
  readonly at: number;
}

/** A message Slack would have refused, and why (Slack's own wording). */
export interface SlackViolation {
  readonly method: string;
  readonly problems: readonly string[];
  readonly body: Params;
  readonly at: number;
}

/** A frame a Socket Mode client sent back (normally an ack of an envelope). */
export interface SlackAck {
  readonly envelope_id: string;
  readonly payload?: Params;
  readonly at: number;
}

/** A workspace member as users.info describes them. */
export interface SlackUser {
  readonly id: string;
  readonly name: string;
  readonly is_admin: boolean;
  readonly is_owner: boolean;
  readonly tz: string;
}

/** A fault for the next call(s) of one method: a 429, a dropped connection, a Slack error code, or a slow answer. */
export type SlackFault = (
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly dropAfterAccept: true }
  | { readonly error: string }
  | { readonly delayMs: number }
) & { readonly times?: number };

/** Settings of `startSlackEmulator`; every one has a default. */
export interface SlackEmulatorOptions {
  readonly botToken?: string;
  readonly appToken?: string;
  readonly teamId?: string;
  readonly botUserId?: string;
  readonly botId?: string;
  readonly appId?: string;
  readonly users?: Readonly<Record<string, Partial<SlackUser>>>;
  /** How long Slack waits for an acknowledgement before the user sees operation_timeout (default 3000). */
  readonly ackDeadlineMs?: number;
  /** How long a trigger_id can open a modal (default 3000). */
  readonly triggerTtlMs?: number;
  /** The signing secret `sendHttp` signs requests with (default 'test-signing-secret'). */
  readonly signingSecret?: string;
  /** The bot token's scopes (default: every scope the emulator checks, so all calls are allowed). */
  readonly scopes?: readonly string[];
  /** chat.postMessage's per-channel limit (default about 1 a second, bursts of 3); false lifts it. */
  readonly postLimit?: SlackPostLimit | false;
  /** Added to every Web API answer, as a network and Slack's own time would (default 0). */
  readonly latencyMs?: number;
}

/** The options with every default filled in. */
export type ResolvedOptions = Required<Omit<SlackEmulatorOptions, 'users'>>;

/** Every bot scope whose absence the emulator turns into `missing_scope`. */
export const ALL_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'channels:history',
  'groups:history',
  'im:history',
  'channels:join',
  'users:read',
] as const;

/** Fills in the defaults of `options`. */
export function resolveOptions(options: SlackEmulatorOptions): ResolvedOptions {
  return {
    botToken: options.botToken ?? 'xoxb-test',
    appToken: options.appToken ?? 'xapp-test',
    teamId: options.teamId ?? 'T123',
    botUserId: options.botUserId ?? 'UBOT',
    botId: options.botId ?? 'BBOT',
    appId: options.appId ?? 'AEMU',
    scopes: options.scopes ?? ALL_SCOPES,
    ackDeadlineMs: options.ackDeadlineMs ?? 3000,
    triggerTtlMs: options.triggerTtlMs ?? 3000,
    signingSecret: options.signingSecret ?? 'test-signing-secret',
    postLimit: options.postLimit ?? SLACK_POST_LIMIT,
    latencyMs: options.latencyMs ?? 0,
  };
}

/** A string field of a body, or undefined when absent or empty. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A boolean field of a body: JSON true or the form strings 'true' and '1'. */
export function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** A field that may arrive as a JSON string (form bodies) or as JSON already (JSON bodies). */
export function jsonField(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}
