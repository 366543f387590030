import { afterEach, describe, expect, it } from 'vitest';
import { MAX_KEPT, MAX_KEY_LENGTH, ReplyCache } from '../../src/platforms/reply-cache.js';
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

describe('reply cache, one minute at a time', () => {
  it("holds only the current minute's answers: a new minute lets go of all of the last one's", async () => {
    const { t, cache, ask } = await cacheOnBot();
    for (const channel of ['C1', 'C2', 'C3']) {
      await ask(channel);
      await ask(channel);
    }
    expect(cache.size).toBe(3);
    t.clock.advance(60_000);
    await ask('C9');
    expect(cache.size).toBe(0);
    expect(cache.peek(['C1', false, 'brief'])).toBeUndefined();
  });

  it('keeps a minute of hundreds of channels: 300 channels × 9 commands, all answered from the cache the third time', async () => {
    const { t } = await cacheOnBot();
    let builds = 0;
    const cache = new ReplyCache<{ n: number }>(t.bot);
    const keys = Array.from({ length: 300 * 9 }, (_, i) => [
      `C${Math.floor(i / 9)}`,
      false,
      `command ${i % 9}`,
    ]);
    for (let round = 0; round < 3; round++)
      for (const parts of keys) await cache.get(parts, async () => ({ n: ++builds }));
    // Two builds a key (asked once, then kept on the second ask), none the third time.
    expect(builds).toBe(2 * keys.length);
    expect(cache.size).toBe(keys.length);
    expect(keys.length).toBeLessThanOrEqual(MAX_KEPT);
  });

  it('an answer built across the turn of a minute is given but not kept', async () => {
    const { t, cache } = await cacheOnBot();
    const parts = ['C1', false, 'brief'];
    await cache.get(parts, async () => ({ text: 'first', n: 1 }));
    const answer = await cache.get(parts, async () => {
      t.clock.advance(60_000);
      cache.keyOf(['C2', false, 'brief']);
      return { text: 'second', n: 2 };
    });
    expect(answer.text).toBe('second');
    expect(cache.size).toBe(0);
  });
});

describe('reply cache, what it will not hold', () => {
  it('a change to the store lets go of every answer: the next ask is answered afresh', async () => {
    const { t, cache, ask, builds } = await cacheOnBot();
    await ask('C1');
    const kept = await ask('C1');
    expect(cache.peek(['C1', false, 'brief'])).toBe(kept);
    expect(await t.say('add title:"Kite talks" start:2026-04-01 source:https://example.gov/kites')).toContain(
      'Added',
    );
    expect(cache.peek(['C1', false, 'brief'])).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(await ask('C1')).not.toBe(kept);
    expect(builds()).toBe(3);
  });

  it('a question with a long text is answered every time, never kept nor remembered', async () => {
    const { t } = await cacheOnBot();
    let builds = 0;
    const cache = new ReplyCache<{ n: number }>(t.bot);
    const parts = ['C1', false, `events ${'x'.repeat(MAX_KEY_LENGTH)}`];
    for (let i = 0; i < 3; i++) await cache.get(parts, async () => ({ n: ++builds }));
    expect(builds).toBe(3);
    expect(cache.size).toBe(0);
  });
});

describe('reply cache, bounded by what its answers hold', () => {
  it('keeps answers up to the size allowed, letting the oldest go first, and never one larger than all of it', async () => {
    const { t } = await cacheOnBot();
    const cache = new ReplyCache<{ chars: number }>(t.bot, { sizeOf: (a) => a.chars, maxSize: 5_000 });
    const keep = async (channel: string, chars: number) => {
      await cache.get([channel, false, 'brief'], async () => ({ chars }));
      return cache.get([channel, false, 'brief'], async () => ({ chars }));
    };
    for (let i = 0; i < 7; i++) await keep(`C${i}`, 1_000);
    // Five of 1,000 fit in 5,000: the first two asked were let go.
    expect(cache.size).toBe(5);
    expect(cache.peek(['C0', false, 'brief'])).toBeUndefined();
    expect(cache.peek(['C1', false, 'brief'])).toBeUndefined();
    expect(cache.peek(['C6', false, 'brief'])?.chars).toBe(1_000);
    await keep('CBIG', 3_000);
    // Room for 3,000 more: three of the oldest go.
    expect(cache.size).toBe(3);
    expect(cache.peek(['CBIG', false, 'brief'])?.chars).toBe(3_000);
    await keep('CHUGE', 5_001);
    expect(cache.peek(['CHUGE', false, 'brief'])).toBeUndefined();
    expect(cache.size).toBe(3);
  });
});

describe('reply cache under a flood of one-off questions (a new channel each)', () => {
  it('keeps none of their answers and remembers at most twice MAX_KEPT of their keys, the oldest forgotten', async () => {
    const { t } = await cacheOnBot();
    let builds = 0;
    const cache = new ReplyCache<{ n: number }>(t.bot);
    const ask = (i: number) => cache.get([`D${i}`, false, 'brief'], async () => ({ n: ++builds }));
    const flood = 2 * MAX_KEPT + 10;
    for (let i = 0; i < flood; i++) await ask(i);
    expect(builds).toBe(flood);
    expect(cache.size).toBe(0);
    // The first ten were forgotten: asked again, each is a first ask once more, not kept.
    await ask(0);
    expect(cache.size).toBe(0);
    // The newest are remembered: asked again, the answer is kept, and reused the third time.
    const kept = await ask(flood - 1);
    expect(cache.size).toBe(1);
    expect(Object.isFrozen(kept)).toBe(true);
    expect(await ask(flood - 1)).toBe(kept);
    expect(builds).toBe(flood + 2);
  });
});

describe('reply cache, questions asked again while their answer is built', () => {
  it('share one build, and the answer is counted once against the bound', async () => {
    const { t } = await cacheOnBot();
    let builds = 0;
    const cache = new ReplyCache<{ chars: number }>(t.bot, { sizeOf: (a) => a.chars, maxSize: 100 });
    const slow = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 5));
      return { chars: 30 };
    };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => cache.get(['C1', false, 'brief'], slow)),
    );
    // The first ask is answered on its own (not kept); the second builds the answer kept, which the third and
    // fourth wait for.
    expect(builds).toBe(2);
    expect(answers[0]).not.toBe(answers[1]);
    expect(new Set(answers.slice(1)).size).toBe(1);
    // Counted once (30 of 100): two more answers of 30 fit beside it, none let go.
    for (const channel of ['C2', 'C3']) {
      await cache.get([channel, false, 'brief'], slow);
      await cache.get([channel, false, 'brief'], slow);
    }
    expect(cache.size).toBe(3);
    expect(cache.peek(['C1', false, 'brief'])).toBe(answers[1]);
  });

  it('a build that fails is not kept nor shared with later questions', async () => {
    const { cache } = await cacheOnBot();
    const parts = ['C1', false, 'brief'];
    await cache.get(parts, async () => ({ text: 'first', n: 1 }));
    // The second ask would keep the answer; its build throws at once.
    const failing = cache.get(parts, () => {
      throw new Error('store unreadable');
    });
    await expect(failing).rejects.toThrow('store unreadable');
    expect(cache.size).toBe(0);
    expect(await cache.get(parts, async () => ({ text: 'after', n: 2 }))).toEqual({ text: 'after', n: 2 });
  });
});
