import type pg from 'pg';
import { pgModule } from './pg-module.js';
import { CHANNEL } from './write.js';

/** What the listener reports. */
export interface ListenerEvents {
  /** A commit of revision `revision` to this schema was announced. */
  notified(revision: number): void;
  /** The connection is up (again): anything announced while it was down may have been missed. */
  connected(): void;
  /** The connection dropped or could not be made; the listener keeps trying. */
  lost(error: unknown): void;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * A dedicated connection LISTENing for the store's commits, reconnecting on its own (100 ms doubling to 5 s)
 * until stopped.
 */
export class Listener {
  #client: pg.Client | undefined;
  #timer: NodeJS.Timeout | undefined;
  #backoff = 100;
  #stopped = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly schema: string,
    private readonly on: ListenerEvents,
  ) {}

  /** Connects and listens; rejects when the first attempt fails (later ones retry on their own). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const client = new (pgModule().Client)(this.config);
    let down = false;
    const drop = (error: unknown) => {
      if (down) return;
      down = true;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.#client === client) this.#client = undefined;
      if (this.#stopped) return;
      this.on.lost(error);
      this.#retry();
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('Connection terminated unexpectedly')));
    client.on('notification', (n) => {
      const [schema, revision] = (n.payload ?? '').split(':');
      if (n.channel === CHANNEL && schema === this.schema && revision) this.on.notified(Number(revision));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      down = true;
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#backoff = 100;
    this.on.connected();
  }

  #retry(): void {
    if (this.#stopped || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect().catch((error) => {
        if (this.#stopped) return;
        this.on.lost(error);
        this.#retry();
      });
    }, this.#backoff);
    this.#timer.unref();
    this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF_MS);
  }

  /** Stops listening and reconnecting. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
