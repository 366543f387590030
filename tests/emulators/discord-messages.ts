import { apiError } from './discord-errors.js';
import { messageObject } from './discord-fixtures.js';
import type { RestReply, RestRequest, RestRoute } from './discord-http.js';
import { asObject } from './discord-json.js';
import { isEmptyMessage, messageIssues, nonceIssues } from './discord-limits.js';
import type { DiscordState } from './discord-state.js';
import { PERMISSIONS } from './discord-types.js';

const MISSING_ACCESS = { status: 403, body: apiError(50001, 'Missing Access') };
const MISSING_PERMISSIONS = { status: 403, body: apiError(50013, 'Missing Permissions') };

const has = (state: DiscordState, bit: bigint) => (state.options.botPermissions & bit) === bit;

/** Discord's answer to a message with nothing to show. */
export function emptyMessage(state: DiscordState, route: string, body: unknown): RestReply {
  state.recordProblem(route, 400, ['Cannot send an empty message (code 50006)'], body);
  return { status: 400, body: apiError(50006, 'Cannot send an empty message') };
}

/** POST /channels/{id}/messages: limits, then `enforce_nonce` de-duplication, then storage. */
function postMessage(state: DiscordState, request: RestRequest): RestReply {
  const channelId = request.params[0] ?? '';
  const route = `POST ${request.path}`;
  const body = asObject(request.body) ?? {};
  if (!has(state, PERMISSIONS.viewChannel)) return denied(state, route, MISSING_ACCESS, body);
  if (!has(state, PERMISSIONS.sendMessages)) return denied(state, route, MISSING_PERMISSIONS, body);
  const issues = [...messageIssues(body), ...nonceIssues(body.nonce)];
  if (issues.length > 0) return state.refuse(route, issues, body);
  if (isEmptyMessage(body)) return emptyMessage(state, route, body);
  if (body.enforce_nonce === true && body.nonce !== undefined && body.nonce !== null) {
    const first = state.recentNonce(channelId, body.nonce);
    if (first) return { status: 200, body: messageObject(state.options, first) };
  }
  const stored = state.storeMessage(channelId, 'channel', body);
  return { status: 200, body: messageObject(state.options, stored) };
}

/** A 403 for a permission the bot lacks, recorded as a problem. */
function denied(state: DiscordState, route: string, reply: RestReply, body: unknown): RestReply {
  const { code, message } = reply.body as { code: number; message: string };
  state.recordProblem(route, 403, [`${message} (code ${code})`], body);
  return reply;
}

/**
 * GET /channels/{id}/messages: newest first, at most `limit` (default 50, at most 100). Without View
 * Channel, 403 Missing Access; without Read Message History, Discord answers with no messages at all.
 */
function listMessages(state: DiscordState, request: RestRequest): RestReply {
  if (!has(state, PERMISSIONS.viewChannel)) return denied(state, `GET ${request.path}`, MISSING_ACCESS, {});
  if (!has(state, PERMISSIONS.readMessageHistory)) return { status: 200, body: [] };
  const limit = Math.min(100, Math.max(1, Number(request.query.get('limit') ?? 50) || 50));
  const list = [...(state.channelMessages.get(request.params[0] ?? '') ?? [])].reverse().slice(0, limit);
  return { status: 200, body: list.map((m) => messageObject(state.options, m)) };
}

/** Channel message routes (Bot auth; faults under 'channelMessages' for POST). */
export function messageRoutes(state: DiscordState): RestRoute[] {
  return [
    {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages$/,
      fault: 'channelMessages',
      bot: true,
      bucket: 'channelMessages',
      handle: (r) => postMessage(state, r),
    },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)\/messages$/,
      bot: true,
      handle: (r) => listMessages(state, r),
    },
  ];
}
