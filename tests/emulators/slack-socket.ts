import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Params, SlackAck } from './slack-types.js';

/** Told of each envelope sent and each ack received (not while acks are streamed, for load). */
export interface EnvelopeHooks {
  sent(envelopeId: string, type: string, payload: Params): void;
  acked(envelopeId: string, payload: Params | undefined): void;
}

/** Slack's Socket Mode endpoint: hello on connect, envelopes out, acks in, server-requested disconnects. */
export class SocketHub {
  /** Every frame the clients sent back, in arrival order. */
  readonly acks: SlackAck[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly wss: WebSocketServer;
  private sequence = 0;
  private rawAcks?: (envelopeId: string, text: string) => void;

  constructor(
    server: Server,
    private readonly appId: string,
    private readonly changed: () => void,
    private readonly hooks: EnvelopeHooks,
  ) {
    this.wss = new WebSocketServer({ server, path: '/socket' });
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.changed();
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => {
      const text = data.toString();
      if (this.rawAcks) {
        const id = LEADING_ID.exec(text)?.[1] ?? parseFrame(text)?.envelope_id;
        if (id !== undefined) return this.rawAcks(id, text);
      }
      const frame = parseFrame(text);
      if (frame) {
        this.acks.push({ ...frame, at: Date.now() });
        this.hooks.acked(frame.envelope_id, frame.payload);
      }
      this.changed();
    });
    const hello = {
      type: 'hello',
      num_connections: this.sockets.size,
      debug_info: { host: 'emu-socket', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    };
    ws.send(JSON.stringify(hello));
    this.changed();
  }

  /**
   * From now on, hands each ack to `listener` as it came (its envelope id and the frame's text) instead of
   * parsing and recording it: for load, where parsing every reply would cost the load generator more for a
   * larger reply, on the cores the app under test also uses.
   */
  streamAcks(listener: (envelopeId: string, text: string) => void): void {
    this.rawAcks = listener;
  }

  /** How many Socket Mode clients are connected. */
  connections(): number {
    return this.sockets.size;
  }

  /** Sends an envelope to every connected client and returns its envelope_id; throws when none is connected. */
  sendEnvelope(type: string, payload: Params, extra: Params = {}): string {
    if (this.sockets.size === 0) throw new Error('Slack emulator: no Socket Mode client is connected');
    this.sequence += 1;
    const envelope_id = `env-${this.sequence}-${randomUUID()}`;
    const frame = { envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...extra };
    const text = JSON.stringify(frame);
    if (!this.rawAcks) this.hooks.sent(envelope_id, type, payload);
    for (const ws of this.sockets) ws.send(text);
    return envelope_id;
  }

  /** Asks every client to reconnect (`{type:'disconnect'}`), closes the sockets and waits until they are gone. */
  async disconnectAll(reason = 'refresh_requested'): Promise<void> {
    const closing = [...this.sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'emu-socket' } }));
          ws.close(1000, reason);
          setTimeout(() => ws.terminate(), 1000).unref();
        }),
    );
    await Promise.all(closing);
  }

  /** Drops every client and stops accepting new ones. */
  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** The envelope id at the start of an ack frame, as the Socket Mode client writes it. */
const LEADING_ID = /^\{"envelope_id":"([^"\\]+)"/;

/** A client frame as `{envelope_id, payload}`, or undefined when it is not one. */
function parseFrame(text: string): { envelope_id: string; payload?: Params } | undefined {
  try {
    const frame: unknown = JSON.parse(text);
    if (typeof frame !== 'object' || frame === null) return undefined;
    const { envelope_id, payload } = frame as Record<string, unknown>;
    if (typeof envelope_id !== 'string') return undefined;
    const isParams = typeof payload === 'object' && payload !== null;
    return isParams ? { envelope_id, payload: payload as Params } : { envelope_id };
  } catch {
    return undefined;
  }
}
