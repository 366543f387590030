import type http from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { snowflake } from './discord-fixtures.js';
import { guildCreate, readyPayload } from './discord-guild.js';
import { asObject, type JsonObject } from './discord-json.js';
import type { ResolvedOptions } from './discord-types.js';

/** One gateway connection as the emulator sees it. */
export interface GatewayConnection {
  /** The upgrade URL, e.g. '/gateway?v=10&encoding=json'. */
  readonly url: string;
  /** The session it identified or resumed, or null before that. */
  readonly sessionId: string | null;
  /** True once READY or RESUMED was sent and until RECONNECT or close: dispatches go only to these. */
  readonly ready: boolean;
}

interface Connection {
  readonly ws: WebSocket;
  readonly url: string;
  sessionId: string | null;
  ready: boolean;
}

/** Discord's gateway v10 (JSON, no compression): HELLO, IDENTIFY/READY, heartbeats, RESUME, dispatches. */
export class DiscordGateway {
  identifies = 0;
  resumes = 0;
  heartbeats = 0;
  private readonly wss: WebSocketServer;
  private readonly live = new Set<Connection>();
  private readonly sessions = new Map<string, { seq: number }>();

  constructor(
    server: http.Server,
    private readonly o: ResolvedOptions,
    private readonly url: () => string,
  ) {
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (ws, req) => this.accept(ws, req.url ?? ''));
  }

  private accept(ws: WebSocket, url: string): void {
    const conn: Connection = { ws, url, sessionId: null, ready: false };
    this.live.add(conn);
    ws.on('close', () => this.live.delete(conn));
    ws.on('message', (raw) => this.receive(conn, String(raw)));
    this.send(conn, { op: 10, d: { heartbeat_interval: this.o.heartbeatIntervalMs }, s: null, t: null });
  }

  private send(conn: Connection, frame: JsonObject): void {
    conn.ws.send(JSON.stringify(frame));
  }

  private dispatchTo(conn: Connection, t: string, d: unknown): void {
    const session = conn.sessionId === null ? undefined : this.sessions.get(conn.sessionId);
    if (!session) return;
    session.seq += 1;
    this.send(conn, { op: 0, t, s: session.seq, d });
  }

  /** The close code a frame earns (decode error, bad token, second IDENTIFY), or undefined when it is fine. */
  private refusal(conn: Connection, frame: JsonObject | undefined): [number, string] | undefined {
    if (!frame) return [4002, 'Error while decoding payload.'];
    if (frame.op !== 2 && frame.op !== 6) return undefined;
    if (asObject(frame.d)?.token !== this.o.token) return [4004, 'Authentication failed.'];
    return conn.sessionId === null ? undefined : [4005, 'Already authenticated.'];
  }

  private receive(conn: Connection, raw: string): void {
    let frame: JsonObject | undefined;
    try {
      frame = asObject(JSON.parse(raw));
    } catch {
      frame = undefined;
    }
    const refused = this.refusal(conn, frame);
    if (refused) conn.ws.close(...refused);
    else if (frame?.op === 1) {
      this.heartbeats += 1;
      this.send(conn, { op: 11, d: null, s: null, t: null });
    } else if (frame?.op === 2) this.identify(conn, asObject(frame.d) ?? {});
    else if (frame?.op === 6) this.resume(conn, asObject(frame.d) ?? {});
  }

  private identify(conn: Connection, d: JsonObject): void {
    this.identifies += 1;
    const sessionId = `emu-session-${snowflake()}`;
    this.sessions.set(sessionId, { seq: 0 });
    conn.sessionId = sessionId;
    conn.ready = true;
    this.dispatchTo(conn, 'READY', readyPayload(this.o, sessionId, this.url(), d.shard));
    this.dispatchTo(conn, 'GUILD_CREATE', guildCreate(this.o));
  }

  private resume(conn: Connection, d: JsonObject): void {
    const sessionId = typeof d.session_id === 'string' ? d.session_id : '';
    if (!this.sessions.has(sessionId)) {
      this.send(conn, { op: 9, d: false, s: null, t: null });
      return;
    }
    this.resumes += 1;
    conn.sessionId = sessionId;
    conn.ready = true;
    this.dispatchTo(conn, 'RESUMED', {});
  }

  /** Every open connection. */
  connections(): GatewayConnection[] {
    return [...this.live].map(({ url, sessionId, ready }) => ({ url, sessionId, ready }));
  }

  /** Sends a dispatch (op 0) to every ready connection; returns how many got it. */
  dispatch(t: string, d: unknown): number {
    const ready = [...this.live].filter((c) => c.ready);
    for (const conn of ready) this.dispatchTo(conn, t, d);
    return ready.length;
  }

  /** Sends op 7 RECONNECT to every ready connection; clients are expected to RESUME on a new one. */
  sendReconnect(): number {
    return this.toReady({ op: 7, d: null, s: null, t: null }, () => {});
  }

  /** Sends op 9 INVALID_SESSION; when not resumable the sessions are forgotten and clients must IDENTIFY again. */
  sendInvalidSession(resumable: boolean): number {
    return this.toReady({ op: 9, d: resumable, s: null, t: null }, (conn) => {
      if (!resumable && conn.sessionId !== null) this.sessions.delete(conn.sessionId);
      conn.sessionId = null;
    });
  }

  private toReady(frame: JsonObject, change: (conn: Connection) => void): number {
    const ready = [...this.live].filter((c) => c.ready);
    for (const conn of ready) {
      conn.ready = false;
      change(conn);
      this.send(conn, frame);
    }
    return ready.length;
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  dropConnections(): void {
    for (const conn of this.live) conn.ws.terminate();
  }

  /** Terminates every connection and stops accepting new ones. */
  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
