import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordEmulator } from './discord-emulator.js';

/** A real discord.js Client (intents: Guilds) logged in to `emu` and ready; `errors` collects its error events. */
export async function readyClient(
  emu: DiscordEmulator,
  ms = 5000,
): Promise<{ client: Client<true>; errors: Error[] }> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: emu.apiUrl, timeout: 5000 },
  });
  const errors: Error[] = [];
  client.on(Events.Error, (error) => errors.push(error));
  const ready = new Promise<Client<true>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`discord.js not ready after ${ms} ms`)), ms);
    client.once(Events.ClientReady, (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  try {
    await client.login(emu.token);
    return { client: await ready, errors };
  } catch (error) {
    await client.destroy();
    throw error;
  }
}
