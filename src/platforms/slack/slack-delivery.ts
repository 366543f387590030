import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';
import type { Reply } from '../../render/reply.js';
import { renderBlocks } from './block-kit.js';
import { shareFiles } from './slack-files.js';

export const METADATA_EVENT = 'trade_brief_post';
const UNREADABLE = new Set(['not_in_channel', 'missing_scope', 'channel_not_found']);

export interface DeliveryTiming {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Gap between posts to one channel; Slack allows about one per second. */
  readonly perChannelGapMs: number;
}

interface RateLimited {
  code?: string;
  retryAfter?: number;
}

/**
 * Posts scheduled messages to Slack channels exactly once: each carries its ledger key as message
 * metadata, and a retry first looks for that key in the channel's recent history (Slack has no
 * idempotency key), joining a public channel it posted to without being a member so that it can read
 * it. Paced per channel and honouring 429 Retry-After.
 */
export function slackDelivery(client: webApi.WebClient, timing: DeliveryTiming, log?: Logger) {
  const nextSlot = new Map<string, number>();

  async function paced(channel: string): Promise<void> {
    const at = Math.max(timing.now(), nextSlot.get(channel) ?? 0);
    nextSlot.set(channel, at + timing.perChannelGapMs);
    const wait = at - timing.now();
    if (wait > 0) await timing.sleep(wait);
  }

  async function withRetryAfter<T>(call: () => Promise<T>, tries = 4): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const e = err as RateLimited;
        if (e.code !== 'slack_webapi_rate_limited_error' || attempt >= tries) throw err;
        await timing.sleep(Math.max(1, e.retryAfter ?? 1) * 1000);
      }
    }
  }

  const readHistory = (channel: string) =>
    withRetryAfter(() => client.conversations.history({ channel, limit: 50, include_all_metadata: true }));

  /** Joins a public channel (Slack lets the bot post there without being in it, but not read it). */
  async function joined(channel: string): Promise<boolean> {
    return withRetryAfter(() => client.conversations.join({ channel })).then(
      () => true,
      () => false, // a private channel, an archived one, or no channels:join scope
    );
  }

  async function alreadyPosted(channel: string, key: string): Promise<string | undefined> {
    const history = await readHistory(channel).catch(async (err: { data?: { error?: string } }) => {
      const error = err.data?.error ?? '';
      // Posted through chat:write.public without being a member: join, and the channel's history opens.
      if (error === 'not_in_channel' && (await joined(channel))) return readHistory(channel);
      // A channel the bot may post to but cannot read: nothing to compare with.
      if (UNREADABLE.has(error)) return { messages: [] };
      throw err;
    });
    const found = history.messages?.find(
      (m) =>
        m.metadata?.event_type === METADATA_EVENT &&
        (m.metadata?.event_payload as { key?: string })?.key === key,
    );
    return found?.ts;
  }

  return async (channelId: string, reply: Reply, key: string, attempt = 1): Promise<{ ref?: string }> => {
    await paced(channelId);
    // Only a retry can find an earlier copy: the first attempt posts straight away.
    const existing = attempt > 1 ? await alreadyPosted(channelId, key) : undefined;
    if (existing) return { ref: existing };
    const { text, blocks } = renderBlocks(reply);
    const r = await withRetryAfter(() =>
      client.chat.postMessage({
        channel: channelId,
        text,
        blocks: blocks as unknown as webApi.KnownBlock[],
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: METADATA_EVENT, event_payload: { key } },
      }),
    );
    // Files (the weekly chart) follow the post. The post is what the ledger counts: a failed upload is logged and
    // not retried, since a retry finds the post already there and would never upload anyway.
    if (reply.files?.length)
      await shareFiles(client, channelId, reply.files).catch((err: { data?: { error?: string } }) =>
        log?.warn(
          `the files of ${key} could not be shared in ${channelId}: ${err.data?.error ?? String(err)}`,
        ),
      );
    return { ref: r.ts };
  };
}
