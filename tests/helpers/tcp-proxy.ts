import { createConnection, createServer, type Socket } from 'node:net';

/** A loopback TCP proxy to a server, whose link can be frozen, cut (every connection dropped, new ones refused) and restored. */
export interface TcpProxy {
  readonly port: number;
  /** Stops forwarding at once, in both directions, keeping every connection open (and refusing new ones). */
  freeze(): void;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  /** Takes new connections again, and lets frozen ones that were not cut forward again. */
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) to `host:port`. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const pairs = new Set<readonly [Socket, Socket]>();
  let down = false;
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host, port });
    const pair = [client, upstream] as const;
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  const dropAll = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port: address.port,
    freeze() {
      down = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    cut() {
      down = true;
      dropAll();
    },
    restore() {
      down = false;
      // Connections frozen (and not cut since) forward again.
      for (const [client, upstream] of pairs) {
        if (!client.isPaused()) continue;
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        upstream.resume();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
