/**
 * Slack and Discord keep their markup of a wholly frozen line (src/render/frozen-lines.ts). The made-up replies,
 * hostile text in every span, frozen through and through, must render exactly as the same replies left open do
 * (which are rendered afresh each time), the first time and again from what was kept.
 */
import { describe, expect, it } from 'vitest';
import { renderEmbeds } from '../../src/platforms/discord/embeds.js';
import { renderBlocks } from '../../src/platforms/slack/block-kit.js';
import type { Reply } from '../../src/render/reply.js';
import { madeUp } from '../helpers/made-up-replies.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('markup kept per frozen line', () => {
  it('frozen replies render as open ones do, every time', () => {
    for (const reply of madeUp()) {
      const open = (): Reply => structuredClone(reply);
      const frozen = deepFreeze(structuredClone(reply));
      for (let i = 0; i < 2; i++) {
        expect(JSON.stringify(renderBlocks(frozen))).toBe(JSON.stringify(renderBlocks(open())));
        expect(JSON.stringify(renderEmbeds(frozen))).toBe(JSON.stringify(renderEmbeds(open())));
      }
    }
  });
});
