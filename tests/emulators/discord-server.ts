import type { AddressInfo } from 'node:net';
import { callbackRoutes } from './discord-callbacks.js';
import { DiscordGateway } from './discord-gateway.js';
import { createRestServer, type RestRoute } from './discord-http.js';
import { messageRoutes } from './discord-messages.js';
import { baseRoutes } from './discord-rest.js';
import type { DiscordState } from './discord-state.js';
import type { ResolvedOptions } from './discord-types.js';

/**
 * Discord's REST routes over `state` and its gateway, listening on 127.0.0.1 at a free port. `callbacks`
 * replaces the interaction routes (the bench observes them); `close` stops both.
 */
export async function listenDiscord(
  state: DiscordState,
  o: ResolvedOptions,
  callbacks: RestRoute[] = callbackRoutes(state),
) {
  let base = '';
  const gatewayUrl = (): string => `${base.replace('http:', 'ws:')}/gateway`;
  const server = createRestServer(
    [...baseRoutes(state, gatewayUrl), ...messageRoutes(state), ...callbacks],
    state,
  );
  const gateway = new DiscordGateway(server, o, gatewayUrl);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api`,
    gatewayUrl: gatewayUrl(),
    gateway,
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
