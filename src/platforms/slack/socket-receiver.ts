import {
  type Logger as BoltLogger,
  defaultProcessEventErrorHandler,
  type ReceiverEvent,
  SocketModeReceiver,
} from '@slack/bolt';
import { JsonBody } from './json-body.js';

/** What the Socket Mode client hands each `slack_event` listener. */
interface SlackEventArgs {
  readonly envelope_id: string;
  readonly body: Record<string, unknown>;
  readonly ack: (response?: Record<string, unknown>) => Promise<void>;
  readonly retry_num?: number;
  readonly retry_reason?: string;
}

/** The part of the client's open WebSocket an acknowledgement is written to. */
interface Socket {
  isActive(): boolean;
  send(data: string, done: (err: Error | undefined) => void): void;
}

/** The JSON of an acknowledgement's payload: a JsonBody (a written answer) as it is, anything else serialized. */
export function payloadJson(body: unknown): string {
  if (body instanceof JsonBody) return body.json;
  if (body === undefined) return '{}';
  if (typeof body === 'string') return JSON.stringify({ text: body });
  if (typeof body !== 'object' || body === null) return '{}';
  return JSON.stringify(body);
}

/** The acknowledgement frame Slack expects: `{envelope_id, payload}`. */
function ackFrame(envelopeId: string, body: unknown): string {
  return `{"envelope_id":${JSON.stringify(envelopeId)},"payload":${payloadJson(body)}}`;
}

/**
 * Bolt's Socket Mode receiver with a leaner acknowledgement. Bolt's own ack serializes the payload three
 * times (twice for debug lines it builds even when debug is off, once to send); for an answer sent in the
 * ack (a 1-2 KB Block Kit brief), that was most of the cost of a request. This ack sends one frame, built
 * from the payload's JSON: a JsonBody's as it is (answers are written as JSON), any other payload serialized once.
 * Everything else (connection, hello, reconnects, pings) stays Bolt's and the Socket Mode client's.
 */
export class LeanSocketModeReceiver extends SocketModeReceiver {
  private bolt?: Parameters<SocketModeReceiver['init']>[0];

  constructor(appToken: string, logger: BoltLogger, clientOptions: Record<string, unknown>) {
    super({ appToken, logger, installerOptions: { clientOptions } });
    this.client.removeAllListeners('slack_event');
    this.client.on('slack_event', (args: SlackEventArgs) => this.handle(args, logger));
  }

  override init(app: Parameters<SocketModeReceiver['init']>[0]): void {
    super.init(app);
    this.bolt = app;
  }

  private async handle(args: SlackEventArgs, logger: BoltLogger): Promise<void> {
    let acked = false;
    const ack = async (body?: unknown): Promise<void> => {
      if (acked) {
        logger.warn('ack() was called twice for one Socket Mode event; the second call was ignored');
        return;
      }
      acked = true;
      const socket = (this.client as { websocket?: Socket }).websocket;
      // Not connected: the client's own ack raises its usual error.
      if (!socket?.isActive())
        return args.ack(
          body instanceof JsonBody ? body.object() : (body as Record<string, unknown> | undefined),
        );
      const frame = ackFrame(args.envelope_id, body);
      await new Promise<void>((resolve, reject) =>
        socket.send(frame, (err) => (err ? reject(err) : resolve())),
      );
    };
    const event: ReceiverEvent = {
      body: args.body,
      ack,
      retryNum: args.retry_num,
      retryReason: args.retry_reason,
      customProperties: {},
    };
    try {
      await this.bolt?.processEvent(event);
    } catch (error) {
      if (await defaultProcessEventErrorHandler({ error: error as Error, logger, event })) await ack();
    }
  }
}
