/** Settings shared by the Slack bench (bench/slack.ts) and its child processes (bench/slack-child.ts). */

/** The signing secret of both HTTP-mode apps. */
export const BENCH_SIGNING_SECRET = 'bench-signing-secret';
/** The tokens the Slack emulator accepts by default. */
export const BOT_TOKEN = 'xoxb-test';
export const APP_TOKEN = 'xapp-test';
/** The seeded bot's manual clock. */
export const BENCH_NOW_ISO = '2026-03-12T09:00:00Z';

export type SlackMode = 'http' | 'socket';
export type SlackKind = 'bare' | 'ours';
