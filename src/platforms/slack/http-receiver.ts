import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type Logger as BoltLogger, HTTPReceiver } from '@slack/bolt';
import { BODY_LIMIT_BYTES } from './http-guard.js';
import { JsonBody } from './json-body.js';

/** Bolt's ack, as it is handed to a handler. */
type BoltAck = (body?: Record<string, unknown> | string) => Promise<void>;
/** An ack that also takes a written answer. */
export type JsonAck = (body?: Record<string, unknown> | JsonBody) => Promise<void>;

/** The context key under which a request's HTTP response is handed to handlers (see slackHttpReceiver). */
const RESPONSE = 'slackHttpResponse';

/**
 * Bolt's HTTP receiver, and the request listener to serve it from (see guardedServer): the listener tells the
 * receiver each request's response, which Bolt hands on in the handler's context, so that jsonAckOver can label a
 * body sent as written JSON. Everything else (signature, body, retries, the ack's timing) stays Bolt's.
 */
export function slackHttpReceiver(signingSecret: string, logger: BoltLogger) {
  const responses = new WeakMap<IncomingMessage, ServerResponse>();
  const receiver = new HTTPReceiver({
    signingSecret,
    logger,
    bodyLimit: BODY_LIMIT_BYTES,
    customPropertiesExtractor: (req) => ({ [RESPONSE]: responses.get(req) }),
  });
  const listener: RequestListener = (req, res) => {
    responses.set(req, res);
    receiver.requestListener(req, res);
  };
  return { receiver, listener };
}

/**
 * Bolt's HTTP `ack`, able to send a JsonBody as it is: Bolt sends a string body unchanged but unlabelled, so the
 * response is labelled JSON first. A request that did not come through slackHttpReceiver's listener (no response in
 * its context) gets the body as an object, serialized by Bolt. (Socket Mode's receiver takes a JsonBody itself.)
 */
export function jsonAckOver(ack: BoltAck, context: Readonly<Record<string, unknown>>): JsonAck {
  const res = context[RESPONSE] as ServerResponse | undefined;
  if (!res) return (body) => ack(body instanceof JsonBody ? body.object() : body);
  return (body) => {
    if (!(body instanceof JsonBody)) return ack(body);
    if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
    return ack(body.json);
  };
}
