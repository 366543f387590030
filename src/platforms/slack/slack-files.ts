import type { webApi } from '@slack/bolt';
import { escapeControls } from '../../domain/control-chars.js';
import type { ReplyFile } from '../../render/reply.js';

/** Slack's limit on one file: 1 GB. */
export const SLACK_FILE_LIMIT_BYTES = 1_000_000_000;
const TITLE_MAX = 250;
const ALT_TEXT_MAX = 1000;

interface SlackError {
  data?: { error?: string };
}
const errorOf = (err: unknown): string => (err as SlackError).data?.error ?? String(err);

/**
 * Shares a reply's files into a conversation with files.uploadV2 (getUploadURLExternal, the bytes to the upload
 * URL, completeUploadExternal with channel_id). Slack shares a file only into a conversation the bot is in: on
 * `not_in_channel` it joins the public channel and uploads again. Titles and alt text are plain text with
 * control characters made visible. Throws with Slack's error code when a file cannot be shared.
 */
export async function shareFiles(
  client: webApi.WebClient,
  channel: string,
  files: readonly ReplyFile[],
): Promise<void> {
  for (const f of files) {
    if (f.bytes.length > SLACK_FILE_LIMIT_BYTES) throw new Error(`file_too_large: ${f.name}`);
    const title = escapeControls(f.title);
    const upload = () =>
      client.files.uploadV2({
        channel_id: channel,
        file: Buffer.from(f.bytes),
        filename: f.name,
        title: title.slice(0, TITLE_MAX),
        ...(f.mime.startsWith('image/') ? { alt_text: title.slice(0, ALT_TEXT_MAX) } : {}),
      });
    await upload().catch(async (err: unknown) => {
      if (errorOf(err) !== 'not_in_channel') throw err;
      await client.conversations.join({ channel });
      await upload();
    });
  }
}

/** The direct-message conversation between the bot and `user` (scope im:write). */
export async function directMessage(client: webApi.WebClient, user: string): Promise<string> {
  const r = await client.conversations.open({ users: user });
  const id = r.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}

/** One line saying why files could not be shared, for the person who asked. */
export function shareFailure(err: unknown, where: 'here' | 'dm'): string {
  const code = errorOf(err);
  if (where === 'dm') return `The file could not be sent to you in a direct message (${code}).`;
  if (code === 'channel_not_found' || code === 'not_in_channel')
    return 'The file could not be posted here: invite the bot to this channel (`/invite @Trade Brief`) and try again.';
  return `The file could not be posted here (${code}).`;
}

/** Sends a reply's files where its reader will see them; resolves with a line for the reader when that failed. */
export type FileSender = (
  files: readonly ReplyFile[],
  to: { readonly channel: string; readonly user: string; readonly visibility: 'public' | 'ephemeral' },
) => Promise<string | undefined>;

/**
 * Where a slash command's files go. Slack shows an uploaded file to everyone in the conversation it is shared
 * into and has no ephemeral files, so a public reply's files are posted in the channel, and an ephemeral reply's
 * files go to the reader alone, in a direct message from the bot.
 */
export function fileSender(client: webApi.WebClient): FileSender {
  return async (files, to) => {
    if (files.length === 0) return undefined;
    const where = to.visibility === 'public' ? 'here' : 'dm';
    try {
      const channel = where === 'here' ? to.channel : await directMessage(client, to.user);
      await shareFiles(client, channel, files);
      return undefined;
    } catch (err) {
      return shareFailure(err, where);
    }
  };
}

/** The note an ephemeral reply with files carries in Slack: where its files went. */
export const DM_NOTE =
  'Slack shows an uploaded file to everyone in a channel, so this one is sent to you in a direct message from the bot.';
