import pQueue from 'p-queue';

// p-queue 6 is CommonJS with `exports.default`: Node's ESM loader hands over module.exports, others the class.
type PQueueClass = typeof pQueue.default;
const loaded = pQueue as unknown as PQueueClass | { default: PQueueClass };
const PQueue: PQueueClass = 'default' in loaded ? loaded.default : loaded;

/**
 * How many posts of each platform may be in flight at once. A platform not named gets 1. The platforms keep
 * their own rate limits below this: Slack's delivery paces each channel (about one post a second) and waits out
 * 429 Retry-After; discord.js REST keeps Discord's global 50 requests a second and per-route buckets.
 */
export type FanOutLimits = Readonly<Record<string, number>>;

/**
 * Slack: 16 in flight posts 1,000 channels in a few seconds at 50 ms a call, a burst Slack's per-channel limit
 * allows (each channel gets one post). Discord: discord.js queues past 50 a second itself, so a few more in
 * flight than 50 requests a second times the latency only keep its queue fed. The terminal prints in order.
 */
export const DEFAULT_FAN_OUT: FanOutLimits = { slack: 16, discord: 8, console: 1 };

/** One post to send: its platform and channel decide which limits it runs under. */
export interface FanOutItem {
  readonly platform: string;
  readonly channel: string;
}

/**
 * Runs `send` for every item and resolves with the results in the items' order. Channels run concurrently, at
 * most `limits[platform]` sends of a platform at once; one channel's items go one after another, in order, so a
 * channel's digest and reminders keep their order and a retry's look at its history never races a post.
 * `send` must not throw (it returns its failure); a throw still settles the others before it propagates.
 */
export async function fanOut<T extends FanOutItem, R>(
  items: readonly T[],
  limits: FanOutLimits,
  send: (item: T) => Promise<R>,
): Promise<R[]> {
  const queues = new Map<string, InstanceType<PQueueClass>>();
  const queueOf = (platform: string) => {
    let q = queues.get(platform);
    if (!q) {
      q = new PQueue({ concurrency: Math.max(1, Math.floor(limits[platform] ?? 1)) });
      queues.set(platform, q);
    }
    return q;
  };
  const byChannel = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = `${item.platform}:${item.channel}`;
    const list = byChannel.get(key);
    if (list) list.push(i);
    else byChannel.set(key, [i]);
  });
  const results: R[] = new Array(items.length);
  const chains = [...byChannel.values()].map(async (indexes) => {
    for (const i of indexes) {
      const item = items[i] as T;
      results[i] = await queueOf(item.platform).add(() => send(item));
    }
  });
  const settled = await Promise.allSettled(chains);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
