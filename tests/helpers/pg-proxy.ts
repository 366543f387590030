import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** A loopback TCP proxy in front of PostgreSQL that a test can freeze, cut and restore. */
export interface PgProxy extends TcpProxy {
  /** `url` with its host and port replaced by the proxy's. */
  readonly url: string;
}

/** Starts a proxy on 127.0.0.1 (a free port) to the server of the postgres:// `url`. */
export async function startPgProxy(url: string): Promise<PgProxy> {
  const target = new URL(url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return Object.assign(proxy, { url: proxied.toString() });
}
