import { createHash } from 'node:crypto';
import { type REST, Routes } from 'discord.js';
import type { Reply } from '../../render/reply.js';
import { renderEmbeds } from './embeds.js';

/** A Discord nonce (at most 25 characters) derived from the ledger key, the same on every retry. */
export const nonceOf = (key: string): string =>
  createHash('sha256').update(key).digest('base64url').slice(0, 25);

/**
 * Posts a scheduled message to a channel through REST. The nonce comes from the ledger key and
 * enforce_nonce makes Discord return the first message instead of posting again when a retry repeats it.
 * discord.js queues requests within Discord's rate limits and waits out 429s.
 */
export function discordDelivery(rest: REST) {
  return async (channelId: string, reply: Reply, key: string): Promise<{ ref?: string }> => {
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: renderEmbeds(reply),
        allowed_mentions: { parse: [] },
        nonce: nonceOf(key),
        enforce_nonce: true,
      },
    })) as { id?: string };
    return { ref: message.id };
  };
}
