/**
 * Child process of the Slack bench: one Slack app under load, in its own process so the load generator does
 * not share its event loop. Started by bench/slack.ts as
 *   node --import tsx bench/slack-child.ts <http|socket> <bare|ours> <emulator Web API url>
 * - bare: a Bolt app whose only handler is `/trade` -> `await ack('ok')` (HTTPReceiver, or Socket Mode);
 * - ours: createSlack over a seeded bot (data/seed.json, a store in a temp folder, a manual clock at
 *   2026-03-12T09:00:00Z), as in production but pointed at the loopback emulator.
 * Talks to its parent over the IPC channel: sends `{ready, port}` once it accepts requests, answers `'cpu'` with
 * its process.cpuUsage(); stops on SIGTERM, when the channel closes (the parent went away), or by itself after
 * MAX_LIFETIME_MS.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createSlack } from '../src/platforms/slack/slack-app.js';
import { silentLog } from '../tests/helpers/bot.js';
import { childFailed, onSeededBot, serveBenchChild } from './child-process.js';
import {
  APP_TOKEN,
  BENCH_NOW_ISO,
  BENCH_SIGNING_SECRET,
  BOT_TOKEN,
  type SlackKind as Kind,
  type SlackMode as Mode,
} from './slack-shared.js';

interface Running {
  readonly port?: number;
  stop(): Promise<void>;
}

async function startBare(mode: Mode, apiUrl: string): Promise<Running> {
  const clientOptions = { slackApiUrl: apiUrl, retryConfig: { retries: 0 } };
  if (mode === 'socket') {
    const app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      clientOptions,
      logLevel: LogLevel.ERROR,
    });
    app.command('/trade', async ({ ack }) => {
      await ack('ok');
    });
    await app.start();
    return {
      async stop() {
        await app.stop();
      },
    };
  }
  const receiver = new HTTPReceiver({ signingSecret: BENCH_SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: BOT_TOKEN, receiver, clientOptions, logLevel: LogLevel.ERROR });
  app.command('/trade', async ({ ack }) => {
    await ack('ok');
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      await app.stop();
    },
  };
}

function startOurs(mode: Mode, apiUrl: string): Promise<Running> {
  return onSeededBot(BENCH_NOW_ISO, async (bot) => {
    const slack = createSlack(
      bot,
      {
        botToken: BOT_TOKEN,
        appToken: mode === 'socket' ? APP_TOKEN : undefined,
        signingSecret: BENCH_SIGNING_SECRET,
        port: 0,
        host: '127.0.0.1',
        apiUrl,
        adminsAreEditors: true,
        wallClock: Date.now,
        perChannelGapMs: 0,
      },
      silentLog,
    );
    const { port } = await slack.start();
    return { port, stop: () => slack.stop() };
  });
}

async function main(): Promise<void> {
  if (!process.send)
    throw new Error('slack-child.ts runs as a child of bench/slack.ts (an IPC channel is needed)');
  const [mode, kind, apiUrl] = process.argv.slice(2) as [Mode, Kind, string];
  if (
    !['http', 'socket'].includes(mode) ||
    !['bare', 'ours'].includes(kind) ||
    !apiUrl?.startsWith('http://127.0.0.1:')
  )
    throw new Error('usage: slack-child.ts <http|socket> <bare|ours> http://127.0.0.1:PORT/api/');
  const running = kind === 'bare' ? await startBare(mode, apiUrl) : await startOurs(mode, apiUrl);
  serveBenchChild(running, { ready: true, port: running.port }, (message) =>
    message === 'cpu' ? { cpu: process.cpuUsage() } : undefined,
  );
}

main().catch(childFailed('slack-child'));
