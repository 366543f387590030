import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.js';
import { CONSOLE_CHANNEL } from '../../src/platforms/console.js';
import { renderText } from '../../src/render/text.js';
import { reader, seededBot, silentLog } from '../helpers/bot.js';

describe('one answer reads the clock once', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('the brief says "Since yesterday" every time, even on a clock that moves between two reads', async () => {
    // A running clock: every read is one millisecond later than the one before, as a real clock can be.
    let ms = Date.parse('2026-03-12T09:00:00Z');
    const running = { now: () => ms++ };
    const bot = createBot(t.bot.config, t.store, running, silentLog);
    for (let i = 0; i < 3; i++) {
      const out = renderText(await bot.dispatch('brief', reader, CONSOLE_CHANNEL), { zone: 'UTC' });
      expect(out).toContain('Since yesterday');
      expect(out).not.toContain('Since the last digest');
    }
  });
});
