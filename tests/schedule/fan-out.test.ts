import { describe, expect, it } from 'vitest';
import { channelId, fanOutRun } from '../helpers/fan-out.js';

const CHANNELS = 200;
const DAY = '2026-03-12';

describe('one round posts to many channels concurrently, within the platforms’ limits', () => {
  it('Slack: 200 channels each get their digest once; a 429 is waited out for its Retry-After', async () => {
    const run = await fanOutRun({
      platform: 'slack',
      channels: CHANNELS,
      latencyMs: 50,
      concurrency: 16,
      // The first post is refused once with Retry-After: 1, as Slack does when a channel is over its limit.
      before: (emu) => emu.slack?.failNext('chat.postMessage', { status: 429, retryAfter: 1 }),
    });
    expect(run.result).toEqual({ sent: CHANNELS, missed: 0, failed: 0 });
    for (let i = 0; i < CHANNELS; i++) {
      const id = channelId('slack', i);
      expect(run.posts.get(id), id).toEqual([`digest:slack:${id}:${DAY}`]);
    }
    expect(run.problems).toBe(0);
    expect(run.rateLimited).toBe(0); // no channel was pushed past Slack's per-channel limit
    // The refused call and its retry: same channel, at least a second apart.
    const posts = run.emu.slack?.calls.filter((c) => c.method === 'chat.postMessage') ?? [];
    expect(posts).toHaveLength(CHANNELS + 1);
    const first = posts[0];
    const retry = posts.slice(1).find((c) => c.body.channel === first?.body.channel);
    expect((retry?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    // Several posts in flight at once: one after another, two posts would arrive at least 50 ms apart.
    const arrivals = posts.map((c) => c.at);
    expect(
      Math.max(...arrivals.map((at) => arrivals.filter((b) => b >= at && b < at + 50).length)),
    ).toBeGreaterThan(3);
    expect(run.writes).toBeLessThanOrEqual(6); // claims, then batches of 100 results: not a write per post
    expect([...run.ledger.values()].filter((s) => s !== 'sent')).toEqual([]);
  }, 30_000);

  it('Discord: 200 channels each get their digest once, under 50 requests a second, and a 429 is retried', async () => {
    const run = await fanOutRun({
      platform: 'discord',
      channels: CHANNELS,
      latencyMs: 50,
      concurrency: 8,
      before: (emu) => emu.discord?.failNext('channelMessages', { status: 429, retryAfter: 0.3 }),
    });
    expect(run.result).toEqual({ sent: CHANNELS, missed: 0, failed: 0 });
    const refs = new Set<string>();
    for (let i = 0; i < CHANNELS; i++) {
      const id = channelId('discord', i);
      const posted = run.posts.get(id) ?? [];
      expect(posted, id).toHaveLength(1);
      expect(posted[0]).toMatch(/^ref /);
      refs.add(posted[0] ?? '');
    }
    expect(refs.size).toBe(CHANNELS); // one distinct post per channel, none twice
    expect(run.problems).toBe(0);
    const requests =
      run.emu.discord?.requests.filter((r) => r.method === 'POST' && r.path.includes('/messages')) ?? [];
    // discord.js keeps to 50 a second itself; where its window and Discord's straddle, a few are refused and
    // waited out, never a storm. Every refused post was accepted later: 200 posted, the injected 429 among them.
    expect(run.rateLimited).toBeLessThanOrEqual(10);
    expect(requests.filter((r) => r.status === 429)).toHaveLength(run.rateLimited + 1);
    const accepted = requests.filter((r) => r.status === 200).map((r) => r.at);
    expect(accepted).toHaveLength(CHANNELS);
    // Several posts in flight at once: one after another, two answers would come at least 50 ms apart.
    expect(
      Math.max(...accepted.map((at) => accepted.filter((b) => b >= at && b < at + 50).length)),
    ).toBeGreaterThan(3);
    expect([...run.ledger.values()].filter((s) => s !== 'sent')).toEqual([]);
  }, 30_000);
});
