import { REST, Routes } from 'discord.js';
import { allCommands } from '../../../commands/index.js';
import { ConfigError, loadEnv, parseConfig } from '../../config.js';
import { discordCommands } from './command-json.js';

/**
 * `npm run deploy-commands`: registers /trade and /trade-admin with Discord, to one server when
 * DISCORD_GUILD_ID is set (instant) or globally. A PUT replaces the whole set, so running it again is harmless.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(loadEnv(process.env), 'UTC');
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const missing = (['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const).filter((k) => !config[k]);
  if (missing.length) {
    process.stderr.write(
      `Configuration problems:\n${missing.map((k) => `  - ${k}: is required to register commands`).join('\n')}\n`,
    );
    process.exit(2);
  }
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
    config.DISCORD_TOKEN as string,
  );
  const app = config.DISCORD_APP_ID as string;
  const body = discordCommands(allCommands);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(app, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(app);
  try {
    const saved = (await rest.put(route, { body })) as unknown[];
    const where = config.DISCORD_GUILD_ID
      ? `server ${config.DISCORD_GUILD_ID}`
      : 'all servers (global; may take up to an hour to appear)';
    process.stdout.write(`Registered ${saved.length} commands (/trade, /trade-admin) for ${where}.\n`);
  } catch (err) {
    process.stderr.write(
      `Discord refused the commands: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
}

void main();
