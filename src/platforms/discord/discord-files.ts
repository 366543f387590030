import type { AttachmentPayload } from 'discord.js';
import { escapeControls } from '../../domain/control-chars.js';
import type { ReplyFile } from '../../render/reply.js';
import type { Embed } from './embeds.js';

/** Discord's limits for a bot's message: 25 MiB of files in all, 10 files. */
export const DISCORD_UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;
export const DISCORD_MAX_FILES = 10;
const DESCRIPTION_MAX = 1024;

/**
 * The files Discord will take with one message: the first 10 within 25 MiB in all; the others are named in
 * `left` so the reply can say so.
 */
export function fitFiles(files: readonly ReplyFile[]): { sent: ReplyFile[]; left: ReplyFile[] } {
  const sent: ReplyFile[] = [];
  const left: ReplyFile[] = [];
  let total = 0;
  for (const f of files) {
    if (sent.length < DISCORD_MAX_FILES && total + f.bytes.length <= DISCORD_UPLOAD_LIMIT_BYTES) {
      sent.push(f);
      total += f.bytes.length;
    } else left.push(f);
  }
  return { sent, left };
}

/** The files as discord.js attachments (sent as multipart/form-data), each with its title as description. */
export const attachmentsOf = (files: readonly ReplyFile[]): AttachmentPayload[] =>
  files.map((f) => ({
    attachment: Buffer.from(f.bytes),
    name: f.name,
    description: escapeControls(f.title).slice(0, DESCRIPTION_MAX),
  }));

/** The embeds with the first image shown in the first embed, as `attachment://name` of the same message. */
export function withImage(
  embeds: Embed[],
  files: readonly ReplyFile[],
): (Embed & { image?: { url: string } })[] {
  const image = files.find((f) => f.mime.startsWith('image/'));
  const [first, ...rest] = embeds;
  if (!image || !first) return embeds;
  return [{ ...first, image: { url: `attachment://${image.name}` } }, ...rest];
}
