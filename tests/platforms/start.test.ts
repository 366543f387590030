import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../emulators/discord-emulator.js';
import { chatInput } from '../emulators/discord-interactions.js';
import { type SlackEmulator, startSlackEmulator } from '../emulators/slack-emulator.js';
import { slashCommandBody } from '../emulators/slack-payloads.js';
import { signedFormHeaders } from '../emulators/slack-signing.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('npm start with Slack and Discord configured runs both in one process', () => {
  let slack: SlackEmulator;
  let discord: DiscordEmulator;
  let child: ChildProcess;
  let dir: string;
  let stderr = '';
  let port = 0;

  beforeAll(async () => {
    slack = await startSlackEmulator();
    discord = await startDiscordEmulator();
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-start-'));
    // `npm start` runs `tsx src/main.ts`; started directly, SIGTERM reaches the bot itself.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--now', '2026-03-12T09:00:00Z'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DB_FILE: join(dir, 'store.db.json'),
        TIME_ZONE: 'UTC',
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'start-secret',
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const deadline = Date.now() + 25_000;
    while (
      Date.now() < deadline &&
      !(/discord: connected/.test(stderr) && /listening on port \d+/.test(stderr))
    )
      await new Promise((r) => setTimeout(r, 100));
    port = Number(/listening on port (\d+)/.exec(stderr)?.[1]);
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack.close();
    await discord.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts both and logs no secret', () => {
    expect(port).toBeGreaterThan(0);
    expect(stderr).toContain('discord: connected to the gateway');
    expect(stderr).not.toContain(discord.token);
    expect(stderr).not.toContain('start-secret');
  });

  it('answers /trade brief in Slack and in Discord from the same store', async () => {
    const body = slashCommandBody({ text: 'brief', responseUrl: slack.responseUrl('s') });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      body,
      headers: signedFormHeaders('start-secret', body),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Paris talks');
    const { id } = discord.dispatchInteraction(chatInput('trade', 'brief'));
    const cb = await discord.waitForCallback(id, 5000);
    expect(JSON.stringify(cb.data)).toContain('Paris talks');
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = new Promise((r) => child.once('close', (c, signal) => r(c ?? signal)));
    child.kill('SIGTERM');
    expect(await code).toBe(143);
  });
});

describe('npm start with a Slack token that Slack refuses', () => {
  it('stops with a clear message and exit code 1, without printing the token', async () => {
    const emu = await startSlackEmulator();
    const dir = await mkdtemp(join(tmpdir(), 'trade-brief-badtoken-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DB_FILE: join(dir, 'store.db.json'),
          PORT: '0',
          SLACK_BOT_TOKEN: 'xoxb-revoked-token-value',
          SLACK_SIGNING_SECRET: 's',
          SLACK_APP_TOKEN: '',
          SLACK_API_URL: emu.apiUrl,
          DISCORD_TOKEN: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout?.on('data', (d) => {
        out += d;
      });
      child.stderr?.on('data', (d) => {
        out += d;
      });
      const code = await new Promise((r) => child.once('close', r));
      expect(code).toBe(1);
      expect(out).toContain('Slack refused or could not be reached: invalid_auth');
      expect(out).not.toContain('revoked-token');
    } finally {
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
