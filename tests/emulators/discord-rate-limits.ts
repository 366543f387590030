import type { RestReply } from './discord-http.js';

/** Discord's rate limits as the emulator enforces them. */
export interface DiscordRateLimitOptions {
  /** Requests a second from one bot token to bot routes (Discord: 50); interaction callbacks are exempt. */
  readonly globalPerSecond: number;
  /** Messages posted to one channel per `windowMs` (Discord: 5 per 5 s). */
  readonly channelMessages: { readonly limit: number; readonly windowMs: number };
}

export const DISCORD_RATE_LIMITS: DiscordRateLimitOptions = {
  globalPerSecond: 50,
  channelMessages: { limit: 5, windowMs: 5_000 },
};

interface Window {
  start: number;
  count: number;
}

/** One 429 the emulator answered. */
export interface RateLimitHit {
  readonly scope: 'global' | 'user';
  readonly route: string;
  readonly at: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * Counts requests in fixed windows that open with the first request after the last one closed: the global
 * window of the bot (1 s) and a bucket per route and major parameter (a channel's messages). A request over
 * a limit gets Discord's 429: `{ message, retry_after, global }` with Retry-After and X-RateLimit-* headers;
 * a request within the limits gets its bucket's X-RateLimit-* headers, as discord.js reads them.
 */
export class DiscordRateLimits {
  private global: Window = { start: -Infinity, count: 0 };
  private readonly buckets = new Map<string, Window>();
  readonly hits: RateLimitHit[] = [];

  constructor(private readonly o: DiscordRateLimitOptions | false) {}

  private static take(w: Window, now: number, windowMs: number, limit: number): number | undefined {
    if (now >= w.start + windowMs) {
      w.start = now;
      w.count = 0;
    }
    if (w.count >= limit) return w.start + windowMs - now;
    w.count += 1;
    return undefined;
  }

  /**
   * Checks one request of a bot route; `bucket` names its per-route bucket (e.g. `channelMessages:<id>`), if
   * any. Returns the 429 reply when over a limit, else the headers to send with the answer.
   */
  check(route: string, bucket: string | undefined, now = Date.now()): RestReply | Record<string, string> {
    if (!this.o) return {};
    const globalWait = DiscordRateLimits.take(this.global, now, 1000, this.o.globalPerSecond);
    if (globalWait !== undefined) return this.refuse('global', route, globalWait, now, {});
    if (!bucket) return {};
    const { limit, windowMs } = this.o.channelMessages;
    let w = this.buckets.get(bucket);
    if (!w) {
      w = { start: -Infinity, count: 0 };
      this.buckets.set(bucket, w);
    }
    const wait = DiscordRateLimits.take(w, now, windowMs, limit);
    const resetAfter = w.start + windowMs - now;
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - w.count)),
      'x-ratelimit-reset': seconds(w.start + windowMs),
      'x-ratelimit-reset-after': seconds(resetAfter),
      'x-ratelimit-bucket': `emulated-${bucket.split(':')[0]}`,
    };
    if (wait === undefined) return headers;
    // The global request was not used: Discord counts the refused one against the bucket only.
    this.global.count -= 1;
    return this.refuse('user', route, wait, now, headers);
  }

  private refuse(
    scope: 'global' | 'user',
    route: string,
    waitMs: number,
    now: number,
    headers: Record<string, string>,
  ): RestReply {
    this.hits.push({ scope, route, at: now });
    const retryAfter = Math.max(0.001, waitMs / 1000);
    return {
      status: 429,
      headers: {
        ...headers,
        // Discord rounds the header up to whole seconds; the emulator keeps fractions so tests stay fast.
        'retry-after': String(retryAfter),
        'x-ratelimit-scope': scope,
        ...(scope === 'global' ? { 'x-ratelimit-global': 'true' } : {}),
      },
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: scope === 'global' },
    };
  }
}

/** Whether a check answered with a 429 rather than headers. */
export const isRefusal = (r: RestReply | Record<string, string>): r is RestReply =>
  typeof (r as RestReply).status === 'number';
