import { refusal } from './slack-block-kit.js';
import type { MessageFields, MessageStore, SlackMetadata } from './slack-history.js';
import { publicMessage } from './slack-history.js';
import { flag, jsonField, type Params, type SlackViolation, str } from './slack-types.js';

/** An ephemeral message, seen only by `user`; Slack keeps no history of these. */
export interface EphemeralMessage {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly blocks?: unknown[];
  readonly message_ts: string;
  readonly at: number;
}

/** What the chat.* methods read and write. */
export interface ChatState {
  readonly store: MessageStore;
  readonly ephemerals: EphemeralMessage[];
  readonly violations: SlackViolation[];
}

type Parsed = { ok: true; fields: MessageFields } | { ok: false; reply: Params };

const fail = (error: string): { ok: false; reply: Params } => ({ ok: false, reply: { ok: false, error } });

const isMetadata = (v: unknown): v is SlackMetadata =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Record<string, unknown>).event_type === 'string' &&
  typeof (v as Record<string, unknown>).event_payload === 'object';

/** The message fields of a chat.* body, or the error Slack gives for malformed ones. */
function parseMessage(body: Params): Parsed {
  const blocks = jsonField(body.blocks);
  if (!blocks.ok || (blocks.value !== undefined && !Array.isArray(blocks.value)))
    return fail('invalid_blocks_format');
  const metadata = jsonField(body.metadata);
  if (!metadata.ok) return fail('invalid_metadata_format');
  if (metadata.value !== undefined && !isMetadata(metadata.value)) return fail('invalid_metadata_schema');
  const fields: MessageFields = {
    text: typeof body.text === 'string' ? body.text : undefined,
    blocks: blocks.value as unknown[] | undefined,
    metadata: metadata.value,
    thread_ts: str(body.thread_ts),
    reply_broadcast: body.reply_broadcast === undefined ? undefined : flag(body.reply_broadcast),
  };
  if (fields.text === undefined && fields.blocks === undefined && body.attachments === undefined) {
    return fail('no_text');
  }
  return { ok: true, fields };
}

/** Parses and checks a message against Slack's limits, recording a violation when Slack would refuse it. */
function acceptable(method: string, body: Params, state: ChatState): Parsed {
  const parsed = parseMessage(body);
  if (!parsed.ok) return parsed;
  const refused = refusal(parsed.fields);
  if (!refused) return parsed;
  state.violations.push({ method, problems: refused.problems, body, at: Date.now() });
  const errors = refused.problems.map((p) => p.replace(/^\[ERROR\] /, ''));
  return {
    ok: false,
    reply: { ok: false, error: refused.error, errors, response_metadata: { messages: refused.problems } },
  };
}

/** chat.postMessage: stores the message in its channel. */
export function postMessage(body: Params, state: ChatState): Params {
  const channel = str(body.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  const parsed = acceptable('chat.postMessage', body, state);
  if (!parsed.ok) return parsed.reply;
  const message = state.store.post(channel, parsed.fields);
  return { ok: true, channel, ts: message.ts, message: publicMessage(message) };
}

/** chat.update: edits a stored message; fields not sent keep their value, as in Slack. */
export function updateMessage(body: Params, state: ChatState): Params {
  const channel = str(body.channel);
  const ts = str(body.ts);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (!ts) return { ok: false, error: 'message_not_found' };
  const parsed = acceptable('chat.update', body, state);
  if (!parsed.ok) return parsed.reply;
  const { thread_ts: _t, reply_broadcast: _r, ...fields } = parsed.fields;
  const message = state.store.update(channel, ts, fields);
  if (!message) return { ok: false, error: 'message_not_found' };
  return { ok: true, channel, ts, text: message.text, message: publicMessage(message) };
}

/** chat.postEphemeral: records the message for `user` only. */
export function postEphemeral(body: Params, state: ChatState): Params {
  const channel = str(body.channel);
  const user = str(body.user);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  if (!user) return { ok: false, error: 'user_not_in_channel' };
  const parsed = acceptable('chat.postEphemeral', body, state);
  if (!parsed.ok) return parsed.reply;
  const message_ts = state.store.nextTs();
  const { text = '', blocks } = parsed.fields;
  state.ephemerals.push({ channel, user, text, ...(blocks ? { blocks } : {}), message_ts, at: Date.now() });
  return { ok: true, message_ts };
}
