import type { Bot } from '../bot.js';
import { deepFreeze } from '../domain/deep-freeze.js';

const MINUTE = 60_000;

/**
 * How many answers one minute (of one store revision) keeps at most: a busy workspace's minute, such as the bench's
 * mix of 9 commands in 300 channels, fits.
 */
export const MAX_KEPT = 3_000;

/**
 * How much the answers kept hold in all, counted as the characters of the JSON the platform sends: 8 million, about
 * 17 MB of heap for Slack's answers, which are their JSON (bench/reply-cache-memory.ts measures the largest reading
 * answer, about 2 bytes of heap a character), about 32 MB for answers held as objects (Discord's; 4 bytes a
 * character, measured when Slack's were objects too). The oldest answers are let go first to make room.
 */
export const MAX_KEPT_CHARS = 8_000_000;

/**
 * Longer keys (a long command text) are neither kept nor remembered: such questions are rare, and the keys of
 * questions asked once, held for a second ask, would otherwise hold whatever text was sent.
 */
export const MAX_KEY_LENGTH = 300;

/**
 * Rendered answers to read-only commands, reused while nothing can change them: the same store
 * revision, the same minute of the bot's clock (countdowns and "as of" move by the minute), the same
 * channel, editor rights and text. An answer is kept the second time it is asked for in its minute: a
 * one-off question (a new channel, a rare command) then holds only its key, and a burst of `/trade brief`
 * in a channel is rendered twice, then reused. (Keeping every answer from its first ask, tried for Slack's
 * one-string answers, cost a flood of one-off questions 10-15% more CPU: each kept answer outlives the young
 * generation and is copied by the collector, and nothing ever asks for it again.)
 * Answers are deep-frozen when kept: platforms may keep derived forms of them by identity.
 *
 * Only the current minute's answers are held: no answer of an earlier minute or revision can be asked for again
 * (the key holds both), so when a key of a new minute or revision comes, everything kept before is let go at once,
 * rather than lingering until pushed out. Within a minute at most MAX_KEPT answers, of MAX_KEPT_CHARS in all, are kept
 * (the oldest let go first).
 */
export class ReplyCache<T> {
  /** The revision and minute whose answers are held (the head of their keys). */
  private head = '';
  private entries = new Map<string, { readonly value: T; readonly size: number }>();
  /** The sizes of the answers held, added up. */
  private held = 0;
  /** Keys asked for once in this minute and not kept yet (the oldest forgotten first). */
  private askedOnce = new Set<string>();
  /** Answers being built to be kept: a question asked again meanwhile waits for the same build. */
  private building = new Map<string, Promise<T>>();
  private readonly max: number;
  private readonly maxSize: number;
  private readonly sizeOf: (value: T) => number;

  /**
   * `sizeOf` tells how much an answer holds (the characters of its JSON); the answers kept add up to at most
   * `maxSize` of it, and number at most `max`.
   */
  constructor(
    private readonly bot: Bot,
    o: { sizeOf?: (value: T) => number; max?: number; maxSize?: number } = {},
  ) {
    this.max = o.max ?? MAX_KEPT;
    this.maxSize = o.maxSize ?? MAX_KEPT_CHARS;
    this.sizeOf = o.sizeOf ?? (() => 0);
  }

  /**
   * The key of `parts` in this revision and minute: compute it once per request and pass it to peekKey and getKey
   * (a miss looks twice). A key of a new revision or minute lets go of every answer held for the one before.
   */
  keyOf(parts: readonly unknown[]): string {
    const head = `${this.bot.store.revision}\u0000${Math.floor(this.bot.clock.now() / MINUTE)}`;
    if (head !== this.head) {
      this.head = head;
      this.entries = new Map();
      this.held = 0;
      this.askedOnce = new Set();
      this.building = new Map();
    }
    return parts.length ? `${head}\u0000${parts.join('\u0000')}` : head;
  }

  /** The kept answer for `parts`, if there is one for this revision and minute. */
  peek(parts: readonly unknown[]): T | undefined {
    return this.entries.get(this.keyOf(parts))?.value;
  }

  /** The kept answer under `key` (from keyOf), if any. */
  peekKey(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** The kept answer for `parts` in this revision and minute, or the one `build` makes now (kept if asked before). */
  get(parts: readonly unknown[], build: () => Promise<T>): Promise<T> {
    return this.getKey(this.keyOf(parts), build);
  }

  /** As get, under a key from keyOf. A question asked once is answered by `build` itself, with no wrapper. */
  getKey(key: string, build: () => Promise<T>): Promise<T> {
    if (key.length > MAX_KEY_LENGTH) return this.answer(build);
    const hit = this.entries.get(key);
    if (hit !== undefined) return Promise.resolve(hit.value);
    const pending = this.building.get(key);
    if (pending !== undefined) return pending;
    if (this.askedOnce.delete(key)) {
      const kept = this.keep(key, this.answer(build));
      this.building.set(key, kept);
      return kept;
    }
    // Questions asked once are remembered up to twice as many as are kept, waiting for a second ask.
    if (this.askedOnce.size >= 2 * this.max)
      this.askedOnce.delete(this.askedOnce.values().next().value as string);
    this.askedOnce.add(key);
    return this.answer(build);
  }

  /** The answer `build` makes, a throw turned into a rejection. */
  private answer(build: () => Promise<T>): Promise<T> {
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

  /** `built`, frozen and kept under `key` if it fits. */
  private async keep(key: string, built: Promise<T>): Promise<T> {
    let value: T;
    try {
      value = deepFreeze(await built);
    } finally {
      // Runs after getKey noted the build (an await always yields first), so it is never left behind.
      this.building.delete(key);
    }
    // A later minute or revision was asked for while this was built: its key will not be asked for again.
    if (key !== this.head && !key.startsWith(`${this.head}\u0000`)) return value;
    const size = this.sizeOf(value);
    if (size > this.maxSize) return value;
    const before = this.entries.get(key);
    if (before !== undefined) {
      this.entries.delete(key);
      this.held -= before.size;
    }
    for (const [oldest, kept] of this.entries) {
      if (this.entries.size < this.max && this.held + size <= this.maxSize) break;
      this.entries.delete(oldest);
      this.held -= kept.size;
    }
    this.entries.set(key, { value, size });
    this.held += size;
    return value;
  }
}
