import { createHash } from 'node:crypto';
import { type REST, Routes } from 'discord.js';
import { escapeControls } from '../../domain/control-chars.js';
import type { Reply } from '../../render/reply.js';
import { withButtonRows } from './button-rows.js';
import { fitFiles, withImage } from './discord-files.js';
import { type Embed, renderEmbeds } from './embeds.js';

/** A Discord nonce (at most 25 characters) derived from the ledger key, the same on every retry. */
export const nonceOf = (key: string): string =>
  createHash('sha256').update(key).digest('base64url').slice(0, 25);

/** The short reference shown in a scheduled post's footer, by which a later retry recognises it. */
export const refOf = (key: string): string => `ref ${nonceOf(key).slice(0, 10)}`;

type Posted = { id?: string; embeds?: Embed[] };

/** The embeds with the post's reference appended to the last footer. */
function withRef(embeds: Embed[], ref: string): Embed[] {
  const last = embeds.at(-1);
  if (!last) return embeds;
  const footer = last.footer?.text ? `${last.footer.text} · ${ref}` : ref;
  return [...embeds.slice(0, -1), { ...last, footer: { text: footer.slice(-2048) } }];
}

/**
 * Posts a scheduled message to a channel through REST, once. Within Discord's nonce window, the nonce
 * from the ledger key with enforce_nonce makes Discord return the first message instead of posting again;
 * beyond it (a restart long after a crash mid-post), a retry looks for the reference in the footer of the
 * channel's recent messages. discord.js queues requests within Discord's rate limits and waits out 429s.
 */
export function discordDelivery(rest: REST) {
  return async (channelId: string, reply: Reply, key: string, attempt = 1): Promise<{ ref?: string }> => {
    const ref = refOf(key);
    const { reply: shown, rows } = withButtonRows(reply);
    if (attempt > 1) {
      const recent = (await rest.get(Routes.channelMessages(channelId), {
        query: new URLSearchParams({ limit: '50' }),
      })) as Posted[];
      const found = recent.find((m) => m.embeds?.some((e) => e.footer?.text?.endsWith(ref)));
      if (found) return { ref: found.id };
    }
    // A chart goes with the post as an attachment (multipart), shown in the first embed.
    const { sent } = fitFiles(reply.files ?? []);
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: withImage(withRef(renderEmbeds(shown), ref), sent),
        components: rows,
        allowed_mentions: { parse: [] },
        nonce: nonceOf(key),
        enforce_nonce: true,
        ...(sent.length
          ? {
              attachments: sent.map((f, i) => ({
                id: String(i),
                description: escapeControls(f.title).slice(0, 1024),
              })),
            }
          : {}),
      },
      ...(sent.length
        ? {
            files: sent.map((f, i) => ({
              key: `files[${i}]`,
              name: f.name,
              data: Buffer.from(f.bytes),
              contentType: f.mime,
            })),
          }
        : {}),
    })) as Posted;
    return { ref: message.id };
  };
}
