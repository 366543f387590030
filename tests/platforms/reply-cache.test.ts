import { afterEach, describe, expect, it } from 'vitest';
import { ReplyCache } from '../../src/platforms/reply-cache.js';
import { seededBot } from '../helpers/bot.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function cacheOnBot() {
  const t = await seededBot('2026-03-12T09:00:00Z');
  close = t.close;
  let builds = 0;
  const cache = new ReplyCache<{ text: string; n: number }>(t.bot);
  const ask = (channel: string) =>
    cache.get([channel, false, 'brief'], async () => ({ text: 'answer', n: ++builds }));
  return { t, cache, ask, builds: () => builds };
}

describe('reply cache', () => {
  it('keeps nothing for a question asked once, so a new channel costs no kept copy', async () => {
    const { cache, ask, builds } = await cacheOnBot();
    for (const channel of ['C1', 'C2', 'C3']) expect(Object.isFrozen(await ask(channel))).toBe(false);
    expect(builds()).toBe(3);
    expect(cache.peek(['C1', false, 'brief'])).toBeUndefined();
  });

  it('keeps the answer asked for twice in a minute and reuses it, frozen, until the minute ends', async () => {
    const { t, cache, ask, builds } = await cacheOnBot();
    await ask('C1');
    const kept = await ask('C1');
    expect(Object.isFrozen(kept)).toBe(true);
    expect(await ask('C1')).toBe(kept);
    expect(await ask('C1')).toBe(kept);
    expect(builds()).toBe(2);
    expect(cache.peek(['C1', false, 'brief'])).toBe(kept);
    t.clock.advance(60_000);
    expect(cache.peek(['C1', false, 'brief'])).toBeUndefined();
    expect(await ask('C1')).not.toBe(kept);
    expect(builds()).toBe(3);
  });
});

describe('reply cache keys', () => {
  it('a key taken once per request finds what the parts find, and only in its revision and minute', async () => {
    const { t, cache, ask } = await cacheOnBot();
    await ask('C1');
    const kept = await ask('C1');
    const key = cache.keyOf(['C1', false, 'brief']);
    expect(cache.peekKey(key)).toBe(kept);
    expect(await cache.getKey(key, async () => ({ text: 'other', n: -1 }))).toBe(kept);
    expect(cache.peekKey(cache.keyOf(['C1', true, 'brief']))).toBeUndefined();
    t.clock.advance(60_000);
    expect(cache.keyOf(['C1', false, 'brief'])).not.toBe(key);
    expect(cache.peekKey(cache.keyOf(['C1', false, 'brief']))).toBeUndefined();
  });
});
