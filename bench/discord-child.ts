/**
 * Child process of the Discord bench: one discord.js bot under load, in its own process so the load generator
 * (the emulator, in the parent) does not share its event loop. Started by bench/discord.ts as
 *   node --import tsx bench/discord-child.ts <bare|ours> <miss|mix|hit> <emulator REST url> <bot token>
 * - bare: a discord.js Client with our client options (intents: Guilds, no mentions) that replies to every
 *   chat-input interaction with a static reply: our answer to that command, rendered once at start-up as our
 *   message body (bench/workload.ts), so both bots send replies of the same size;
 * - ours: createDiscord over a seeded bot (data/seed.json, a store in a temp folder, a manual clock at
 *   2026-03-12T09:00:00Z), as in production but pointed at the loopback emulator; on the miss and mix paths its
 *   clock moves (movingClock).
 * Talks to its parent over the IPC channel: sends `{ ready: true }` once the gateway said READY, answers
 * `'stats'` with its CPU time and the errors it saw; stops on SIGTERM, when the channel closes (the parent went
 * away), or by itself after 10 minutes (serveBenchChild in bench/child-process.ts).
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../src/log/logger.js';
import { childFailed, onSeededBot, serveBenchChild } from './child-process.js';
import { compiledDiscord } from './compiled-app.js';
import { BENCH_NOW_ISO, type ChildStats, type DiscordKind, READY_TIMEOUT_MS } from './discord-shared.js';
import { type BenchPath, movingClock, PATHS, staticReplies } from './workload.js';

// Our modules as production runs them (dist/, compiled by tsc), for both bots: see compiled-app.ts.
const { createDiscord, messageBody } = await compiledDiscord();

/** Errors the bot reported (client `error` events, failed handlers), counted and the first few kept. */
const errors = { count: 0, first: [] as string[] };
function noteError(msg: string, extra?: unknown): void {
  errors.count++;
  if (errors.first.length < 5) {
    const why =
      extra instanceof Error ? `${extra.name}: ${extra.message}` : extra === undefined ? '' : String(extra);
    errors.first.push(`${msg} ${why}`.trim());
  }
}
const countingLog: Logger = { debug() {}, info() {}, warn() {}, error: noteError };

interface Running {
  stop(): Promise<void>;
}

async function startBare(apiUrl: string, token: string): Promise<Running> {
  const replies = await staticReplies(BENCH_NOW_ISO);
  const bodies = new Map([...replies].map(([text, reply]) => [text, messageBody(reply)]));
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl },
    allowedMentions: { parse: [] },
  });
  client.on(Events.Error, (err) => noteError('discord client error', err));
  client.on(Events.InteractionCreate, async (i) => {
    if (!i.isChatInputCommand()) return;
    try {
      const options = (i.options.data[0]?.options ?? []).map((o) => `${o.name}:${o.value}`);
      const text = [i.options.getSubcommand(), ...options].join(' ');
      await i.reply(bodies.get(text) ?? { content: 'unknown bench command' });
    } catch (err) {
      noteError('reply failed', err);
    }
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the bare client was not ready in time')),
      READY_TIMEOUT_MS,
    );
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return { stop: () => client.destroy() };
}

function startOurs(path: BenchPath, apiUrl: string, token: string): Promise<Running> {
  return onSeededBot(BENCH_NOW_ISO, async (bot) => {
    const discord = createDiscord(bot, { token, apiUrl, readyTimeoutMs: READY_TIMEOUT_MS }, countingLog);
    await discord.start();
    const stopClock = movingClock(bot, path);
    return {
      stop: () => {
        stopClock();
        return discord.stop();
      },
    };
  });
}

/** The process's CPU time so far and the errors it saw. */
function stats(): ChildStats {
  const cpu = process.cpuUsage();
  return { cpuMs: (cpu.user + cpu.system) / 1000, errors: errors.count, firstErrors: errors.first };
}

async function main(): Promise<void> {
  if (!process.send)
    throw new Error('discord-child.ts runs as a child of bench/discord.ts (it needs an IPC channel)');
  const [kind, path, apiUrl, token] = process.argv.slice(2) as [DiscordKind, BenchPath, string, string];
  if (
    !['bare', 'ours'].includes(kind) ||
    !PATHS.includes(path) ||
    !apiUrl?.startsWith('http://127.0.0.1:') ||
    !token
  )
    throw new Error('usage: discord-child.ts <bare|ours> <miss|mix|hit> http://127.0.0.1:PORT/api <token>');
  const running = kind === 'bare' ? await startBare(apiUrl, token) : await startOurs(path, apiUrl, token);
  serveBenchChild(running, { ready: true }, (message) =>
    message === 'stats' ? { stats: stats() } : undefined,
  );
}

main().catch(childFailed('discord-child'));
