/** chat.postMessage's limit per channel: about one a second, with short bursts allowed (Slack's documentation). */
export interface SlackPostLimit {
  readonly perSecond: number;
  /** Posts a channel quiet for a while may take at once. */
  readonly burst: number;
}

export const SLACK_POST_LIMIT: SlackPostLimit = { perSecond: 1, burst: 3 };

/** One 429 the emulator answered. */
export interface SlackRateLimitHit {
  readonly method: string;
  readonly channel: string;
  readonly retryAfter: number;
  readonly at: number;
}

/**
 * A token bucket per channel for chat.postMessage: `burst` tokens, refilled at `perSecond`. A post without a
 * token is refused with HTTP 429 `{ ok: false, error: 'ratelimited' }` and Retry-After in whole seconds.
 */
export class SlackRateLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly hits: SlackRateLimitHit[] = [];

  constructor(private readonly limit: SlackPostLimit | false) {}

  /** The seconds to tell the caller to wait, or undefined when the post may go through. */
  check(method: string, channel: string | undefined, now = Date.now()): number | undefined {
    if (!this.limit || method !== 'chat.postMessage' || !channel) return undefined;
    const { perSecond, burst } = this.limit;
    const b = this.buckets.get(channel) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
    this.hits.push({ method, channel, retryAfter, at: now });
    return retryAfter;
  }

  clear(): void {
    this.buckets.clear();
    this.hits.length = 0;
  }
}
