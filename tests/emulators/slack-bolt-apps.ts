import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { SlackEmulator } from './slack-emulator.js';
import { signedFormHeaders } from './slack-signing.js';

/** The signing secret of the HTTP-mode test apps. */
export const SIGNING_SECRET = 'test-signing-secret';

/** A real Bolt app in HTTP mode pointed at `emu`; the emulator must already be up (auth.test runs at once). */
export function httpApp(emu: SlackEmulator): App {
  return new App({
    token: 'xoxb-test',
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
}

/** A real Bolt app in Socket Mode pointed at `emu`. */
export function socketApp(emu: SlackEmulator): App {
  return new App({
    token: 'xoxb-test',
    appToken: 'xapp-test',
    socketMode: true,
    clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
}

/** Starts an HTTP-mode app on a free loopback port and returns its events URL. */
export async function listen(app: App): Promise<string> {
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

/** POSTs `body` to a Bolt app as Slack would, signed with `secret`; returns the status and the body text. */
export async function postSigned(url: string, body: string, secret = SIGNING_SECRET) {
  const res = await fetch(url, { method: 'POST', body, headers: signedFormHeaders(secret, body) });
  return { status: res.status, text: await res.text() };
}

const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => webApi.LogLevel.ERROR,
  setName() {},
};

/** A silent WebClient on the emulator that never retries; `rejectRateLimitedCalls` fails 429s without waiting. */
export function webClient(emu: SlackEmulator, { token = 'xoxb-test', rejectRateLimitedCalls = false } = {}) {
  return new webApi.WebClient(token, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls,
    logger: quiet,
  });
}

/** The `code` of a rejected Slack client call, and its data (Slack's error body) when it has one. */
export async function failure(
  call: Promise<unknown>,
): Promise<{ code?: string; message: string; data?: unknown }> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { code?: string; data?: unknown };
    return { code: e.code, message: e.message, data: e.data };
  }
  throw new Error('expected the call to fail');
}
