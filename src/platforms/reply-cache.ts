import type { Bot } from '../bot.js';

const MINUTE = 60_000;

/** Freezes `value` and everything reachable from it: a cached answer is shared by every reply that reuses it. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (const inner of value) deepFreeze(inner);
  else for (const key in value) deepFreeze(value[key]);
  return value;
}

/**
 * Rendered answers to read-only commands, reused while nothing can change them: the same store
 * revision, the same minute of the bot's clock (countdowns and "as of" move by the minute), the same
 * channel, editor rights and text. An answer is kept the second time it is asked for in its minute: a
 * one-off question (a new channel, a rare command) then costs no frozen copy held in memory, and a
 * burst of `/trade brief` in a channel is rendered twice, then reused. Answers are deep-frozen when
 * kept: platforms may keep derived forms of them (their JSON) by identity.
 */
export class ReplyCache<T> {
  private readonly entries = new Map<string, T>();
  /** Keys asked for once and not kept yet (the oldest forgotten first). */
  private readonly askedOnce = new Set<string>();

  constructor(
    private readonly bot: Bot,
    private readonly max = 500,
  ) {}

  private key(parts: readonly unknown[]): string {
    return [this.bot.store.revision, Math.floor(this.bot.clock.now() / MINUTE), ...parts].join('\u0000');
  }

  /** The kept answer for `parts`, if there is one for this revision and minute. */
  peek(parts: readonly unknown[]): T | undefined {
    return this.entries.get(this.key(parts));
  }

  /** The kept answer for `parts` in this revision and minute, or the one `build` makes now (kept if asked before). */
  async get(parts: readonly unknown[], build: () => Promise<T>): Promise<T> {
    const key = this.key(parts);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    if (!this.askedOnce.delete(key)) {
      if (this.askedOnce.size >= 4 * this.max)
        this.askedOnce.delete(this.askedOnce.values().next().value as string);
      this.askedOnce.add(key);
      return build();
    }
    const value = deepFreeze(await build());
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }
}
