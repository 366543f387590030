import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from './discord-emulator.js';
import { DISCORD_RATE_LIMITS } from './discord-rate-limits.js';
import { type SlackEmulator, startSlackEmulator } from './slack-emulator.js';

let discord: DiscordEmulator | undefined;
let slack: SlackEmulator | undefined;
afterEach(async () => {
  await discord?.close();
  await slack?.close();
  discord = slack = undefined;
});

/** A raw REST call to the Discord emulator with the bot token; its status, headers and JSON. */
async function discordCall(emu: DiscordEmulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

describe('the emulators keep the platforms’ rate limits', () => {
  it('Discord: 5 posts per channel per 5 s, then 429 with retry_after and the bucket’s X-RateLimit headers', async () => {
    discord = await startDiscordEmulator();
    const path = `/channels/${discord.ids.channel}/messages`;
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await discordCall(discord, 'POST', path, { content: `m${i}` });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('5');
      remaining.push(r.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const refused = await discordCall(discord, 'POST', path, { content: 'm5' });
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(Number(refused.json.retry_after)).toBeGreaterThan(4);
    expect(Number(refused.json.retry_after)).toBeLessThanOrEqual(5);
    expect(refused.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(4);
    expect(discord.messages().map((m) => m.content)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    // Another channel has its own bucket.
    const other = await discordCall(discord, 'POST', '/channels/1300000000000000009/messages', {
      content: 'x',
    });
    expect(other.status).toBe(200);
  });

  it('Discord: requests over the global limit in a second get a global 429 (the limit scaled to 5 a second)', async () => {
    discord = await startDiscordEmulator({
      rateLimits: { ...DISCORD_RATE_LIMITS, globalPerSecond: 5 },
    });
    const emu = discord;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => discordCall(emu, 'GET', `/channels/${emu.ids.channel}`)),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    expect(refused).toHaveLength(3);
    expect(refused[0]?.json).toMatchObject({ global: true });
    expect(Number(refused[0]?.json.retry_after)).toBeLessThanOrEqual(1);
    expect(refused[0]?.headers.get('x-ratelimit-global')).toBe('true');
    expect(refused[0]?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(emu.rateLimited.filter((h) => h.scope === 'global')).toHaveLength(3);
    expect(DISCORD_RATE_LIMITS.globalPerSecond).toBe(50); // Discord's, the default
  });

  it('Slack: a burst of 3 posts to a channel, then 429 ratelimited with Retry-After in whole seconds', async () => {
    slack = await startSlackEmulator();
    const post = async (channel: string, text: string) => {
      const res = await fetch(`${slack?.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' },
        body: JSON.stringify({ channel, text }),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), json: await res.json() };
    };
    for (const text of ['a', 'b', 'c']) expect((await post('C1', text)).status).toBe(200);
    const refused = await post('C1', 'd');
    expect(refused).toEqual({ status: 429, retryAfter: '1', json: { ok: false, error: 'ratelimited' } });
    expect((await post('C2', 'elsewhere')).status).toBe(200);
    expect(slack.posted('C1').map((m) => m.text)).toEqual(['a', 'b', 'c']);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await post('C1', 'd')).status).toBe(200);
    expect(slack.rateLimited.map((h) => h.channel)).toEqual(['C1']);
  });
});
