import { callbackIssues } from './discord-callback-rules.js';
import { apiError } from './discord-errors.js';
import { messageObject, snowflake } from './discord-fixtures.js';
import type { RestReply, RestRequest, RestRoute } from './discord-http.js';
import { asObject } from './discord-json.js';
import { isEmptyMessage, messageIssues } from './discord-limits.js';
import { emptyMessage } from './discord-messages.js';
import type { DiscordState } from './discord-state.js';
import type { InteractionCallback } from './discord-types.js';

const UNKNOWN_INTERACTION = { status: 404, body: apiError(10062, 'Unknown interaction') };
const UNKNOWN_WEBHOOK = { status: 404, body: apiError(10015, 'Unknown Webhook') };
const INVALID_TOKEN = { status: 401, body: apiError(50027, 'Invalid Webhook Token') };

/** POST /interactions/{id}/{token}/callback: once per interaction, within the deadline, valid for its type. */
function callback(state: DiscordState, request: RestRequest): RestReply {
  const [id = '', token = ''] = request.params;
  const route = `POST /interactions/${id}/:token/callback`;
  const issued = state.issued.get(id);
  const late = issued !== undefined && Date.now() - issued.at > state.options.callbackDeadlineMs;
  if (issued === undefined || issued.token !== token || late) {
    const why = !issued
      ? 'an interaction id Discord never issued'
      : late
        ? 'callback after the deadline'
        : 'wrong token';
    state.recordProblem(route, 404, [`Unknown interaction (code 10062): ${why}`], request.body);
    return UNKNOWN_INTERACTION;
  }
  if (state.callbacks.has(id)) {
    state.recordProblem(route, 400, ['interaction already acknowledged (code 40060)'], request.body);
    return { status: 400, body: apiError(40060, 'Interaction has already been acknowledged.') };
  }
  const issues = callbackIssues(request.body);
  if (issues.length > 0) return state.refuse(route, issues, request.body);
  const body = request.body as InteractionCallback;
  if (body.type === 4 && isEmptyMessage(body.data)) return emptyMessage(state, route, request.body);
  state.callbacks.set(id, { interactionId: id, token, body, at: Date.now() });
  const original =
    body.type === 4
      ? state.storeMessage(state.channelOfToken(token), 'original', body.data ?? {}, token)
      : undefined;
  if (request.query.get('with_response') !== 'true') return { status: 204 };
  const message = original === undefined ? undefined : messageObject(state.options, original);
  const interaction = {
    id,
    type: 2,
    response_message_id: original?.id ?? snowflake(),
    response_message_loading: body.type === 5,
  };
  return {
    status: 200,
    body: { interaction, resource: { type: body.type, ...(message ? { message } : {}) } },
  };
}

/**
 * Why webhook calls on `token` may not go ahead, or undefined when they may: the interaction must have been
 * issued (and acknowledged, unless it came over HTTP), and its token lasts 15 minutes.
 */
function webhookRefusal(state: DiscordState, app: string | undefined, token: string): RestReply | undefined {
  const issued = state.issuedByToken(token);
  if (app !== state.options.applicationId || !issued) return UNKNOWN_WEBHOOK;
  if (Date.now() - issued.at > state.options.interactionTokenTtlMs) return INVALID_TOKEN;
  return state.callbackByToken(token) || issued.via === 'http' ? undefined : UNKNOWN_WEBHOOK;
}

/** PATCH (edit) or POST (follow-up) of an interaction's messages. */
function webhookMessage(state: DiscordState, request: RestRequest, via: 'edit' | 'followUp'): RestReply {
  const [app, token = ''] = request.params;
  const route = `${request.method} /webhooks/${app}/:token${via === 'edit' ? '/messages/@original' : ''}`;
  const refused = webhookRefusal(state, app, token);
  if (refused) {
    const why =
      refused === INVALID_TOKEN
        ? 'Invalid Webhook Token (code 50027): the interaction token is over 15 minutes old'
        : 'Unknown Webhook (code 10015): an unknown token, or used before the interaction was acknowledged';
    state.recordProblem(route, refused.status, [why], request.body);
    return refused;
  }
  const body = asObject(request.body) ?? {};
  const issues = messageIssues(body);
  if (issues.length > 0) return state.refuse(route, issues, body);
  if (via === 'followUp' && isEmptyMessage(body)) return emptyMessage(state, route, body);
  const stored = state.storeMessage(state.channelOfToken(token), via, body, token);
  return { status: 200, body: messageObject(state.options, stored) };
}

/** GET .../messages/@original: the latest version of the interaction's reply. */
function original(state: DiscordState, request: RestRequest): RestReply {
  const [app, token = ''] = request.params;
  const refused = webhookRefusal(state, app, token);
  if (refused) return refused;
  const latest = state.interactionMessages.filter((m) => m.token === token && m.via !== 'followUp').at(-1);
  return latest
    ? { status: 200, body: messageObject(state.options, latest) }
    : { status: 404, body: apiError(10008, 'Unknown Message') };
}

/** Interaction callback and webhook routes (no Bot auth: the interaction token is the credential). */
export function callbackRoutes(state: DiscordState): RestRoute[] {
  const messages = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/;
  return [
    {
      method: 'POST',
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      fault: 'interactionCallback',
      handle: (r) => callback(state, r),
    },
    {
      method: 'PATCH',
      pattern: messages,
      fault: 'webhookMessages',
      handle: (r) => webhookMessage(state, r, 'edit'),
    },
    { method: 'GET', pattern: messages, handle: (r) => original(state, r) },
    { method: 'DELETE', pattern: messages, handle: () => ({ status: 204 }) },
    {
      method: 'POST',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)$/,
      fault: 'webhookMessages',
      handle: (r) => webhookMessage(state, r, 'followUp'),
    },
  ];
}
