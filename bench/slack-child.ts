/**
 * Child process of the Slack bench: one Slack app under load, in its own process so the load generator does
 * not share its event loop. Started by bench/slack.ts as
 *   node --import tsx bench/slack-child.ts <http|socket> <bare|ours> <miss|mix|hit> <emulator Web API url>
 * - bare: a Bolt app built as createSlack builds ours (the same receiver: slackHttpReceiver behind the guarded HTTP
 *   server, or LeanSocketModeReceiver; the same client options, no
 *   conversation store, no ignoreSelf step, /trade routed from one global middleware as ours is) that acks each
 *   /trade command with a static reply: our answer to that
 *   command, rendered once at start-up (bench/workload.ts), so both apps send replies of the same size;
 * - ours: createSlack over a seeded bot (data/seed.json, a store in a temp folder, a manual clock at
 *   2026-03-12T09:00:00Z), as in production but pointed at the loopback emulator. On the miss and mix paths the
 *   bot's clock moves (movingClock).
 * Talks to its parent over the IPC channel: sends `{ready, port}` once it accepts requests, answers `'cpu'` with
 * its process.cpuUsage(); stops on SIGTERM, when the channel closes (the parent went away), or by itself after
 * MAX_LIFETIME_MS.
 */
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { SlashArgs } from '../src/platforms/slack/slash-command.js';
import { silentLog } from '../tests/helpers/bot.js';
import { childFailed, onSeededBot, serveBenchChild } from './child-process.js';
import { compiledSlack } from './compiled-app.js';
import {
  APP_TOKEN,
  BENCH_NOW_ISO,
  BENCH_SIGNING_SECRET,
  BOT_TOKEN,
  type SlackKind as Kind,
  type SlackMode as Mode,
} from './slack-shared.js';
import { type BenchPath, movingClock, PATHS, staticReplies } from './workload.js';

// Our modules as production runs them (dist/, compiled by tsc), for both apps: see compiled-app.ts.
const { createSlack, guardedServer, LeanSocketModeReceiver, responseBody, slackHttpReceiver } =
  await compiledSlack();

interface Running {
  readonly port?: number;
  stop(): Promise<void>;
}

const quietBolt = {
  debug() {},
  info() {},
  warn() {},
  error: (...m: unknown[]) => process.stderr.write(`bare slack app: ${m.join(' ')}\n`),
  setLevel() {},
  getLevel: () => 'error' as never,
  setName() {},
};

async function startBare(mode: Mode, apiUrl: string): Promise<Running> {
  const clientOptions = { slackApiUrl: apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } };
  // Our answers at the bench's clock, rendered once, as Block Kit objects: the app acks with the object, which is
  // serialized per request, as a Bolt app's `ack({ blocks })` is (ours writes its answer as JSON instead).
  const replies = await staticReplies(BENCH_NOW_ISO);
  const bodies = new Map([...replies].map(([text, reply]) => [text, responseBody(reply)]));
  const http = mode === 'socket' ? undefined : slackHttpReceiver(BENCH_SIGNING_SECRET, quietBolt);
  const receiver = http?.receiver ?? new LeanSocketModeReceiver(APP_TOKEN, quietBolt, clientOptions);
  const app = new App({
    token: BOT_TOKEN,
    receiver,
    socketMode: mode === 'socket',
    convoStore: false,
    ignoreSelf: false,
    logger: quietBolt,
    clientOptions,
    deferInitialization: true,
  });
  // Routed as createSlack routes ours: /trade from one global middleware, the rest on to listeners (none here).
  app.use((args) => {
    const command = 'command' in args ? args.command : undefined;
    if (command?.command !== '/trade') return args.next();
    const { ack } = args as unknown as SlashArgs;
    return ack(bodies.get(command.text ?? '') ?? { text: 'unknown bench command' });
  });
  await app.init();
  if (!http) {
    await app.start();
    return {
      async stop() {
        await app.stop();
      },
    };
  }
  const server = guardedServer(http.listener, {
    path: '/slack/events',
    now: Date.now,
    bodyTimeoutMs: 10_000,
    log: silentLog,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await closed;
    },
  };
}

function startOurs(mode: Mode, path: BenchPath, apiUrl: string): Promise<Running> {
  return onSeededBot(BENCH_NOW_ISO, async (bot) => {
    const stopClock = movingClock(bot, path);
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
    return {
      port,
      stop: () => {
        stopClock();
        return slack.stop();
      },
    };
  });
}

async function main(): Promise<void> {
  if (!process.send)
    throw new Error('slack-child.ts runs as a child of bench/slack.ts (an IPC channel is needed)');
  const [mode, kind, path, apiUrl] = process.argv.slice(2) as [Mode, Kind, BenchPath, string];
  if (
    !['http', 'socket'].includes(mode) ||
    !['bare', 'ours'].includes(kind) ||
    !PATHS.includes(path) ||
    !apiUrl?.startsWith('http://127.0.0.1:')
  )
    throw new Error(
      'usage: slack-child.ts <http|socket> <bare|ours> <miss|mix|hit> http://127.0.0.1:PORT/api/',
    );
  const running = kind === 'bare' ? await startBare(mode, apiUrl) : await startOurs(mode, path, apiUrl);
  serveBenchChild(running, { ready: true, port: running.port }, (message) =>
    message === 'cpu' ? { cpu: process.cpuUsage() } : undefined,
  );
}

main().catch(childFailed('slack-child'));
