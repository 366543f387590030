import type { Bot } from '../../bot.js';
import type { Actor } from '../../commands/context.js';
import { usageFor, withoutTradePrefix } from '../../commands/registry.js';
import type { Logger } from '../../log/logger.js';
import { errorReply, type Reply, type ReplyFile } from '../../render/reply.js';
import { within } from '../quick-answer.js';
import { ReplyCache } from '../reply-cache.js';
import { type AddForm, formFor } from './add-forms.js';
import { blockKitJson } from './block-kit.js';
import type { JsonAck } from './http-receiver.js';
import { JsonBody } from './json-body.js';
import { DM_NOTE, type FileSender } from './slack-files.js';
import type { SlackUser } from './slack-users.js';

/** What Bolt hands a /trade handler that we use. */
export interface SlashArgs {
  readonly command: { text?: string; user_id: string; channel_id: string; trigger_id: string };
  /** Bolt's ack, able to send a written answer as it is (see jsonAckOver). */
  readonly ack: JsonAck;
  readonly respond: (body: Record<string, unknown>) => Promise<unknown>;
}

export interface SlashDeps {
  readonly bot: Bot;
  readonly log: Logger;
  readonly user: (id: string) => Promise<SlackUser>;
  readonly adminsAreEditors: boolean;
  /** Opens a command's form when an editor types `/trade add` or `/trade add-measure` with nothing else. */
  readonly openAddForm?: (form: AddForm, triggerId: string, channelId: string) => Promise<void>;
  /** Posts a reply's files (charts, calendars) after the reply: in the channel, or to the reader alone. */
  readonly sendFiles?: FileSender;
}

const FORM_FAILED = 'The form could not be opened in time. Nothing was changed.';

/** A reply as the JSON of a slash-command response body. */
export function responseJson(reply: Reply): string {
  const noted: Reply =
    reply.files?.length && reply.visibility !== 'public'
      ? { ...reply, context: [...(reply.context ?? []), [DM_NOTE]] }
      : reply;
  return blockKitJson(noted, reply.visibility === 'public' ? 'in_channel' : 'ephemeral');
}

/** A reply as a slash-command response body (for response_url, which takes an object). */
export const responseBody = (reply: Reply): Record<string, unknown> =>
  JSON.parse(responseJson(reply)) as Record<string, unknown>;

/**
 * A reply as Slack answers it: the response body, and its files behind a function, because the reply cache
 * deep-freezes what it keeps and a byte array cannot be frozen (nor should a cached answer copy one).
 */
interface Answer {
  readonly body: JsonBody;
  readonly visibility: Reply['visibility'];
  readonly files: () => readonly ReplyFile[];
}

const NO_FILES: readonly ReplyFile[] = [];
const noFiles = () => NO_FILES;

const answerOf = (reply: Reply): Answer => {
  const files = reply.files;
  return {
    body: new JsonBody(responseJson(reply)),
    visibility: reply.visibility,
    files: files?.length ? () => files : noFiles,
  };
};

/** What a kept answer holds, for the reply cache's bound: its JSON's characters and its files' bytes (a chart). */
function heldBy(answer: Answer): number {
  let n = answer.body.json.length;
  for (const f of answer.files()) n += f.bytes.length;
  return n;
}

/** The reply's files, after the reply itself; a failure is told to the reader alone. */
const sendFiles = (d: SlashDeps, args: SlashArgs, answer: Answer): Promise<void> | undefined =>
  // Files are rare: an answer without any makes no promise here.
  answer.files === noFiles ? undefined : sendFilesOf(d, args, answer);

async function sendFilesOf(
  d: SlashDeps,
  { command, respond }: Pick<SlashArgs, 'command' | 'respond'>,
  answer: Answer,
): Promise<void> {
  const files = answer.files();
  if (!files.length || !d.sendFiles) return;
  const to = { channel: command.channel_id, user: command.user_id, visibility: answer.visibility };
  const problem = await d.sendFiles(files, to);
  if (problem)
    await respond({ response_type: 'ephemeral', replace_original: false, text: problem }).catch((err) =>
      d.log.warn('respond failed', err),
    );
}

/** A check that is true the first time a trigger id is seen: Slack resends a request it did not see answered. */
function firstDeliveries(): (triggerId: string) => boolean {
  const seen = new Set<string>();
  return (triggerId) => {
    if (seen.has(triggerId)) return false;
    seen.add(triggerId);
    if (seen.size > 5000) seen.delete(seen.values().next().value as string);
    return true;
  };
}

/**
 * The /trade handler. Reads are answered in the acknowledgement when ready within 1.5 s (one round
 * trip), otherwise acked empty and answered through response_url. Changes ack first (before looking
 * up who the user is), run once per trigger id (a retried request changes nothing twice), then respond.
 */
export function slashCommandHandler(d: SlashDeps) {
  const firstDelivery = firstDeliveries();
  const cache = new ReplyCache<Answer>(d.bot, { sizeOf: heldBy });
  return async (args: SlashArgs): Promise<void> => {
    const { command, ack, respond } = args;
    // `/trade trade add …` and `/trade /trade add …` mean `/trade add …`, as the registry reads them.
    const text = withoutTradePrefix(command.text ?? '');
    const def = d.bot.registry.named(text);
    const sensitive = Boolean(def?.mutates || def?.access === 'editors');
    const channel = { platform: 'slack' as const, id: command.channel_id };
    const listed = d.bot.isListedEditor('slack', command.user_id);
    if (sensitive) {
      // Ack first: Slack waits 3 s, and users.info (who is an admin, in which zone) may take longer.
      await ack();
      if (!firstDelivery(command.trigger_id)) return;
      const profile = await d.user(command.user_id);
      const isEditor = listed || Boolean(d.adminsAreEditors && profile.isAdmin);
      const form = formFor(def?.name);
      if (def && form && text === def.name && isEditor && d.openAddForm) {
        // A trigger id opens a form only within 3 s of the command: after a slow lookup, say so.
        return d.openAddForm(form, command.trigger_id, command.channel_id).catch(async (err) => {
          d.log.warn(`could not open the ${def.name} form`, err);
          const hint = `Type \`/trade ${def.name}\` again, or add it in one line: \`${usageFor(def)}\``;
          await respond(responseBody(errorReply(FORM_FAILED, hint)));
        });
      }
      const actor: Actor = { platform: 'slack', id: command.user_id, isEditor };
      const reply = await d.bot.dispatch(text, actor, channel, profile.tz);
      await respond(responseBody(reply));
      return sendFiles(d, args, answerOf(reply));
    }
    const isEditor = listed;
    const actor: Actor = { platform: 'slack', id: command.user_id, isEditor };
    const key = cache.keyOf([channel.id, isEditor, text]);
    const hit = cache.peekKey(key);
    if (hit) {
      await ack(hit.body);
      return sendFiles(d, args, hit);
    }
    const work = cache.getKey(key, () => d.bot.dispatch(text, actor, channel).then(answerOf));
    const quick = await within(work);
    if (quick) await ack(quick.body);
    else {
      await ack();
      const { body } = await work;
      await respond(body.object()).catch((err) => d.log.warn('respond failed', err));
    }
    return sendFiles(d, args, await work);
  };
}
