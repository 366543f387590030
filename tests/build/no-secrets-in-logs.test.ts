import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord-emulator.js';
import { chatInput } from '../emulators/discord-interactions.js';
import { type SlackEmulator, startSlackEmulator } from '../emulators/slack-emulator.js';
import { slashCommandFields } from '../emulators/slack-payloads.js';
import { type CompiledBot, startCompiled } from './compiled-bot.js';

// Fake secrets of the real shapes: Slack bot and app tokens, a Discord bot token, a 32-hex signing secret.
const SLACK_BOT = 'xoxb-2718281828459-3141592653589-Zq9XvB7nLmK2pR4sT6uW8yA1';
const SLACK_APP =
  'xapp-1-A0Q4EMUAPPID-6180339887498-4f1c2b3a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a';
const DISCORD = 'MTQ0MjY5NTc4OTAxMjM0NTY3OA.GhJkLm.Xy8_Zw7-Vu6Ts5Rq4Po3Nm2Lk1Ji0Hg9Fe8Dc7';
const SIGNING = '8f2c61d9b4e07a35c1d6f9e2b7a40c85';
const SECRETS = [SLACK_BOT, SLACK_APP, DISCORD, SIGNING];
/** Distinctive tails: a leak of part of a token (say, after a prefix was cut) is still a leak. */
const TAILS = SECRETS.map((s) => s.slice(-16));

describe('the compiled bot at LOG_LEVEL=debug on Slack (Socket Mode) and Discord', () => {
  let slack: SlackEmulator;
  let discord: DiscordEmulator;
  let bot: CompiledBot;
  let dir: string;

  beforeAll(async () => {
    slack = await startSlackEmulator({ botToken: SLACK_BOT, appToken: SLACK_APP });
    discord = await startDiscordEmulator({ token: DISCORD });
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-secrets-'));
    bot = startCompiled(
      {
        DB_FILE: join(dir, 'store.db.json'),
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: SLACK_BOT,
        SLACK_APP_TOKEN: SLACK_APP,
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: DISCORD,
        DISCORD_API_URL: discord.apiUrl,
        WEB_PORT: '0',
      },
      ['--now', '2026-03-12T09:00:00Z'],
    );
    await bot.waitFor(/slack: connected over Socket Mode/);
    await bot.waitFor(/discord: connected to the gateway/);
  }, 40_000);

  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await slack?.close();
    await discord?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers commands on both platforms, then stops on SIGTERM, and no line at any level holds a secret', async () => {
    // The last one is a user pasting the bot token by mistake: Bolt's Socket Mode client logs what it receives.
    for (const text of [
      'brief',
      'deadlines days:0',
      'event no-such-thing',
      'tariffs CN',
      `event ${SLACK_BOT}`,
    ]) {
      const env = slack.sendEnvelope(
        'slash_commands',
        slashCommandFields({ text, responseUrl: slack.responseUrl(text) }),
      );
      expect(await slack.waitForAck(env, 10_000)).toBeDefined();
    }
    for (const sub of ['brief', 'deadlines']) {
      const { id } = discord.dispatchInteraction(chatInput('trade', sub));
      await discord.waitForCallback(id, 10_000);
    }
    const base = (await bot.waitFor(/web: listening on (http:\/\/[\d.:]+)/))[1];
    const health = (await (await fetch(`${base}/healthz`)).json()) as { platforms: Record<string, boolean> };
    expect(health.platforms).toEqual({ console: true, slack: true, discord: true });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'trade_brief_commands_total{command="brief",platform="discord",outcome="ok"} 1',
    );
    expect(metrics).toContain(
      'trade_brief_commands_total{command="event",platform="slack",outcome="refused"} 2',
    );
    expect(await bot.stop('SIGTERM')).toBe(143);

    const out = bot.output();
    const lines = out.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.some((l) => l.level === 20)).toBe(true); // debug lines were written
    const answered = parsed.filter((l) => l.msg === 'command answered');
    expect(answered).toContainEqual(
      expect.objectContaining({ command: 'brief', platform: 'slack', outcome: 'ok' }),
    );
    expect(answered).toContainEqual(
      expect.objectContaining({ command: 'deadlines', platform: 'slack', outcome: 'refused' }),
    );
    expect(answered).toContainEqual(
      expect.objectContaining({ command: 'brief', platform: 'discord', outcome: 'ok' }),
    );
    for (const s of [...SECRETS, ...TAILS]) expect(out).not.toContain(s);
  }, 60_000);
});
