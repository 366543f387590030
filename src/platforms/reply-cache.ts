import type { Bot } from '../bot.js';

const MINUTE = 60_000;

/**
 * How many answers one minute (of one store revision) keeps: every read command (about ten) in some 300 channels,
 * so a busy workspace's minute fits. An answer and the JSON Slack is sent are a few KB: 3,000 of the largest
 * (tariffs, events, event, brief) held 35 MB of heap (bench/reply-cache-memory.ts), let go when the minute ends.
 */
export const MAX_KEPT = 3_000;

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
 *
 * Only the current minute's answers are held: no answer of an earlier minute or revision can be asked for again
 * (the key holds both), so when a key of a new minute or revision comes, everything kept before is let go at once,
 * rather than lingering until pushed out. Within a minute at most MAX_KEPT answers are kept (the oldest let go first).
 */
export class ReplyCache<T> {
  /** The revision and minute whose answers are held (the head of their keys). */
  private head = '';
  private entries = new Map<string, T>();
  /** Keys asked for once in this minute and not kept yet (the oldest forgotten first). */
  private askedOnce = new Set<string>();

  constructor(
    private readonly bot: Bot,
    private readonly max = MAX_KEPT,
  ) {}

  /**
   * The key of `parts` in this revision and minute: compute it once per request and pass it to peekKey and getKey
   * (a miss looks twice). A key of a new revision or minute lets go of every answer held for the one before.
   */
  keyOf(parts: readonly unknown[]): string {
    const head = `${this.bot.store.revision}\u0000${Math.floor(this.bot.clock.now() / MINUTE)}`;
    if (head !== this.head) {
      this.head = head;
      this.entries = new Map();
      this.askedOnce = new Set();
    }
    return parts.length ? `${head}\u0000${parts.join('\u0000')}` : head;
  }

  /** The kept answer for `parts`, if there is one for this revision and minute. */
  peek(parts: readonly unknown[]): T | undefined {
    return this.entries.get(this.keyOf(parts));
  }

  /** The kept answer under `key` (from keyOf), if any. */
  peekKey(key: string): T | undefined {
    return this.entries.get(key);
  }

  /** The kept answer for `parts` in this revision and minute, or the one `build` makes now (kept if asked before). */
  get(parts: readonly unknown[], build: () => Promise<T>): Promise<T> {
    return this.getKey(this.keyOf(parts), build);
  }

  /** As get, under a key from keyOf. A question asked once is answered by `build` itself, with no wrapper. */
  getKey(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    if (this.askedOnce.delete(key)) return this.keep(key, build);
    // Questions asked once are remembered up to four times as many as are kept, waiting for a second ask.
    if (this.askedOnce.size >= 4 * this.max)
      this.askedOnce.delete(this.askedOnce.values().next().value as string);
    this.askedOnce.add(key);
    try {
      return build();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** How many answers are held now (all of the current minute). */
  get size(): number {
    return this.entries.size;
  }

  private async keep(key: string, build: () => Promise<T>): Promise<T> {
    const value = deepFreeze(await build());
    // Built across the turn of a minute: the answer is still right for its key, which is no longer asked for.
    if (key !== this.head && !key.startsWith(`${this.head}\u0000`)) return value;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
    return value;
  }
}
