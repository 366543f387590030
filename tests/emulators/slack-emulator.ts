import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AckRules, describeHttpBody, describeRequest, postToApp } from './slack-acks.js';
import { refusal } from './slack-block-kit.js';
import { Channels } from './slack-channels.js';
import type { EphemeralMessage } from './slack-chat.js';
import type { SlackEmulator } from './slack-emulator-api.js';
import { FaultQueue } from './slack-faults.js';
import { MessageStore } from './slack-history.js';
import {
  answerFault,
  bearerToken,
  dropConnection,
  parseBody,
  readBody,
  sendJson,
  sendText,
} from './slack-http.js';
import { SlackRateLimits } from './slack-rate-limits.js';
import { SocketHub } from './slack-socket.js';
import { Triggers } from './slack-triggers.js';
import {
  resolveOptions,
  type SlackCall,
  type SlackEmulatorOptions,
  type SlackResponse,
  type SlackUser,
} from './slack-types.js';
import { Waiters } from './slack-waiters.js';
import { authError, type OpenedView, type WebApiState, webApiMethods } from './slack-web-api.js';

export type { SlackEmulator } from './slack-emulator-api.js';

/** Starts a Slack emulator on 127.0.0.1 (a free port): Web API, response_url sink and Socket Mode. */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const resolved = resolveOptions(options);
  const users = new Map<string, SlackUser>();
  const setUser = (user: Partial<SlackUser> & { id: string }) =>
    users.set(user.id, { name: user.id.toLowerCase(), is_admin: false, is_owner: false, tz: 'UTC', ...user });
  setUser({ id: 'U123', name: 'alice' });
  for (const [id, user] of Object.entries(options.users ?? {})) setUser({ ...user, id });

  const waiters = new Waiters();
  const faults = new FaultQueue();
  const limits = new SlackRateLimits(resolved.postLimit);
  const calls: SlackCall[] = [];
  const responses: SlackResponse[] = [];
  const state: WebApiState = {
    options: resolved,
    users,
    store: new MessageStore(resolved.botUserId, resolved.botId),
    views: [] as OpenedView[],
    channels: new Channels(new Set(resolved.scopes)),
    triggers: new Triggers(resolved.triggerTtlMs),
    ephemerals: [] as EphemeralMessage[],
    violations: [],
    socketUrl: () =>
      `ws://127.0.0.1:${port}/socket?ticket=${Date.now().toString(36)}&app_id=${resolved.appId}`,
  };

  const ackRules = new AckRules(resolved.ackDeadlineMs, state.violations, () => waiters.notify());

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const raw = await readBody(req);
    const body = parseBody(req, raw);
    calls.push({ method, headers: req.headers, body: body ?? { _raw: raw }, at: Date.now() });
    if (resolved.latencyMs > 0) await new Promise((r) => setTimeout(r, resolved.latencyMs));
    const handler = webApiMethods[method];
    if (!body) return sendJson(res, 200, { ok: false, error: 'invalid_json' });
    if (!handler) return sendJson(res, 200, { ok: false, error: 'unknown_method' });
    const denied = authError(method, bearerToken(req, body), resolved);
    if (denied) return sendJson(res, 200, { ok: false, error: denied });
    const wait = limits.check(method, typeof body.channel === 'string' ? body.channel : undefined);
    if (wait !== undefined)
      return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(wait) });
    const fault = faults.take(method);
    if (answerFault(res, fault, false)) return;
    if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    const reply = handler(body, state);
    if (fault && 'dropAfterAccept' in fault) return dropConnection(req);
    sendJson(res, 200, reply);
  }

  async function responseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const raw = await readBody(req);
    const body = parseBody(req, raw) ?? { _raw: raw };
    const fault = faults.take('response_url');
    if (answerFault(res, fault, true)) return;
    responses.push({ id, body, at: Date.now() });
    const refused = refusal(body);
    if (refused)
      state.violations.push({ method: 'response_url', problems: refused.problems, body, at: Date.now() });
    if (refused) return sendText(res, 400, refused.error);
    if (fault && 'dropAfterAccept' in fault) return dropConnection(req);
    sendText(res, 200, 'ok');
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = req.method !== 'POST' ? undefined : /^\/(api|response)\/(.+)$/.exec(path);
    const handled = !route
      ? Promise.resolve(sendText(res, 404, 'not_found'))
      : route[1] === 'api'
        ? api(req, res, route[2] ?? '')
        : responseUrl(req, res, decodeURIComponent(route[2] ?? ''));
    handled
      .catch((error: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
      })
      .finally(() => waiters.notify());
  });
  const hub = new SocketHub(server, resolved.appId, () => waiters.notify(), {
    sent(envelopeId, _type, payload) {
      const request = describeRequest(payload);
      state.triggers.issue(request.triggerId);
      ackRules.sent(envelopeId, request);
    },
    acked: (envelopeId, payload) => ackRules.acked(envelopeId, payload),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    port,
    apiUrl: `${base}/api/`,
    calls,
    responses,
    violations: state.violations,
    acks: hub.acks,
    views: state.views,
    ephemerals: state.ephemerals,
    rateLimited: limits.hits,
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    posted: (channel) => state.store.posted(channel),
    postTimes: (channel) => state.store.posted(channel).map((m) => m.at),
    failNext: (method, fault) => faults.add(method, fault),
    setUser: (user) => void setUser(user),
    setChannel: (id, spec) => void state.channels.set(id, spec),
    channel: (id) => ({ ...state.channels.get(id) }),
    sendEnvelope: (type, payload, extra) => hub.sendEnvelope(type, payload, extra),
    async sendHttp(url, body, o = {}) {
      const request = describeHttpBody(body);
      state.triggers.issue(request.triggerId);
      const secret = o.secret ?? resolved.signingSecret;
      const delivery = await postToApp(url, body, secret, resolved.ackDeadlineMs, o.headers);
      if (delivery.timedOut || delivery.status === 200)
        ackRules.check(request, delivery.ms, delivery.json, delivery.timedOut);
      waiters.notify();
      return delivery;
    },
    streamAcks: (listener) => hub.streamAcks(listener),
    waitForAck: (envelopeId, ms = 5000) =>
      waiters
        .until(() => hub.acks.find((a) => a.envelope_id === envelopeId), ms, `the ack of ${envelopeId}`)
        .then((ack) => ack.payload),
    disconnectAll: (reason) => hub.disconnectAll(reason),
    connections: () => hub.connections(),
    waitFor: (predicate, ms = 5000) =>
      waiters.until(() => calls.find(predicate), ms, 'a matching Web API call'),
    waitUntil: (condition, ms = 5000) =>
      waiters.until(() => (condition() ? true : undefined), ms, 'a condition').then(() => undefined),
    reset() {
      for (const list of [calls, responses, state.violations, hub.acks, state.views, state.ephemerals]) {
        list.length = 0;
      }
      state.store.clear();
      state.channels.clear();
      state.triggers.clear();
      ackRules.clear();
      faults.clear();
      limits.clear();
    },
    async close() {
      ackRules.clear();
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
