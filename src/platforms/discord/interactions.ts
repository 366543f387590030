import {
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  MessagePayload,
  PermissionFlagsBits,
} from 'discord.js';
import type { Bot } from '../../bot.js';
import type { RawValues } from '../../commands/bind.js';
import type { Actor } from '../../commands/context.js';
import { isReading } from '../../commands/pressable.js';
import { type Logger, withContext } from '../../log/logger.js';
import { errorReply, type Reply, type ReplyFile } from '../../render/reply.js';
import { pressButton } from '../button-press.js';
import { within } from '../quick-answer.js';
import { ReplyCache } from '../reply-cache.js';
import { autocompleteChoices } from './autocomplete.js';
import { BUTTON_ID, withButtonRows } from './button-rows.js';
import { TRADE, TRADE_ADMIN } from './command-json.js';
import { attachmentsOf, fitFiles, withImage } from './discord-files.js';
import { renderEmbeds } from './embeds.js';

/**
 * A reply as a Discord message body, without its files (see `filesOf`); nothing in it can ping anyone. An image
 * file is shown in the first embed as `attachment://name`, so the body must go out with its files.
 */
export function messageBody(answer: Reply) {
  const { reply, rows } = withButtonRows(answer);
  const { sent, left } = fitFiles(answer.files ?? []);
  const shown: Reply = left.length
    ? {
        ...reply,
        context: [
          ...(reply.context ?? []),
          [`Too large for one Discord message, not attached: ${left.map((f) => f.name).join(', ')}`],
        ],
      }
    : reply;
  return {
    // Already in Discord's wire shape: as JSONEncodable, discord.js sends them without a deep key transform.
    embeds: withImage(renderEmbeds(shown), sent).map((e) => ({ toJSON: () => e as APIEmbed })),
    components: rows.map((row) => ({ toJSON: () => row })),
    allowedMentions: { parse: [] },
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

/** The files Discord takes with the reply's message, as attachments (up to 10, 25 MiB in all). */
export const filesOf = (files: readonly ReplyFile[] | undefined) => ({
  files: attachmentsOf(fitFiles(files ?? []).sent),
});

/** The body and files of a reply, for a one-off send (a button's answer, an error). */
const fullBody = (reply: Reply) => ({ ...messageBody(reply), ...filesOf(reply.files) });

function actorOf(bot: Bot, i: ChatInputCommandInteraction | ButtonInteraction): Actor {
  const manager = Boolean(i.memberPermissions?.has(PermissionFlagsBits.ManageGuild));
  return {
    platform: 'discord',
    id: i.user.id,
    name: i.user.username,
    isEditor: manager || bot.isListedEditor('discord', i.user.id),
  };
}

/** Typed option values of the invoked subcommand, as the registry validates them. */
function rawOptions(i: ChatInputCommandInteraction): RawValues {
  const raw: RawValues = {};
  for (const o of i.options.data[0]?.options ?? []) if (o.value !== undefined) raw[o.name] = o.value;
  return raw;
}

type Body = ReturnType<typeof messageBody>;

/**
 * A rendered answer, and the body discord.js resolved from it for a reply (MessagePayload.resolveBody). An
 * identical reply sends that body as is instead of resolving it again: it names no interaction (the
 * callback's route does), and keeps no reference to the interaction it was first resolved for.
 */
interface Cached {
  readonly body: Body;
  /** Unset for a reply with files: discord.js resolves those with their multipart parts at each send. */
  readonly resolved?: NonNullable<MessagePayload['body']>;
  /** Behind a function: the cache deep-freezes what it keeps, and a byte array cannot be frozen. */
  readonly files: () => readonly ReplyFile[];
}

function cachedReply(i: ChatInputCommandInteraction, reply: Reply): Cached {
  const body = messageBody(reply);
  const files = reply.files ?? [];
  if (files.length) return { body, files: () => files };
  const resolved = MessagePayload.create(i, body).resolveBody().body;
  if (!resolved) throw new Error('discord.js resolved no message body');
  return { body, resolved, files: () => files };
}

const withFiles = (cached: Cached) => ({ ...cached.body, ...filesOf(cached.files()) });

function replyWith(i: ChatInputCommandInteraction, cached: Cached) {
  if (!cached.resolved) return i.reply(withFiles(cached));
  const payload = MessagePayload.create(i, {});
  payload.body = cached.resolved;
  payload.files = [];
  return i.reply(payload);
}

async function chatInput(
  bot: Bot,
  i: ChatInputCommandInteraction,
  log: Logger,
  cache: ReplyCache<Cached>,
): Promise<void> {
  const found = bot.registry.find(i.options.getSubcommand());
  if (!found.ok) return void (await i.reply(fullBody(found.reply)));
  const actor = actorOf(bot, i);
  const raw = rawOptions(i);
  const sensitive = found.def.mutates || found.def.access === 'editors';
  // The key once per request: a miss looks twice (peekKey, then getKey).
  const key = sensitive
    ? ''
    : cache.keyOf([i.channelId, actor.isEditor, found.def.name, JSON.stringify(raw)]);
  const hit = sensitive ? undefined : cache.peekKey(key);
  if (hit) return void (await replyWith(i, hit));
  const ctx = bot.context(actor, { platform: 'discord', id: i.channelId });
  const run = () =>
    bot.registry.run(bot.registry.validate(found.def, raw, ctx.zone), ctx, (err) =>
      withContext(log, { command: found.def.name, platform: 'discord', requestId: i.id }).error(
        'command failed',
        err,
      ),
    );
  if (sensitive) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const { flags: _ephemeral, ...body } = fullBody(await run());
    await i.editReply(body);
    return;
  }
  const work = cache.getKey(key, async () => cachedReply(i, await run()));
  const quick = await within(work);
  if (quick) return void (await replyWith(i, quick));
  // Deferred answers keep their privacy: only a shared brief is public.
  await i.deferReply(raw.share === true ? {} : { flags: MessageFlags.Ephemeral });
  const { flags: _f, ...body } = withFiles(await work);
  await i.editReply(body);
}

/**
 * A press on one of our buttons: runs the command in its custom_id as the member who pressed it, with their own
 * rights, answering privately for a reading command and otherwise as the command answers.
 */
async function pressed(bot: Bot, i: ButtonInteraction, log: Logger): Promise<void> {
  const command = i.customId.slice(BUTTON_ID.length);
  const def = bot.registry.named(command);
  // A change (Accept, Reject…) is acknowledged before it runs: the acknowledgement is the claim (see below).
  if (def && !isReading(def)) await i.deferUpdate();
  const work = pressButton(bot, command, actorOf(bot, i), { platform: 'discord', id: i.channelId });
  const quick = await within(work);
  // A slow answer: acknowledge the press without touching the message, then answer with the right visibility.
  if (!quick && !i.deferred) await i.deferUpdate();
  const reply = quick ?? (await work);
  if (reply.tone === 'error') log.debug(`a button press was refused: ${command.slice(0, 100)}`);
  await (i.deferred ? i.followUp(fullBody(reply)) : i.reply(fullBody(reply)));
}

async function autocomplete(bot: Bot, i: AutocompleteInteraction): Promise<void> {
  const focused = i.options.getFocused(true);
  const def = bot.registry.find(i.options.getSubcommand());
  const kind = def.ok ? def.def.options[focused.name]?.autocomplete : undefined;
  await i.respond(kind ? autocompleteChoices(bot, kind, String(focused.value)) : []);
}

/** Discord's answer to a second acknowledgement of one interaction. */
const ALREADY_ACKNOWLEDGED = 40060;

/**
 * Whether Discord refused our acknowledgement because the interaction was already acknowledged: with two gateway
 * replicas each receives every interaction, and Discord accepts one acknowledgement per interaction id, so the
 * other replica answered it.
 */
const answeredElsewhere = (err: unknown): boolean =>
  (err as { code?: unknown } | undefined)?.code === ALREADY_ACKNOWLEDGED;

/**
 * Handles /trade, /trade-admin and their autocomplete; a failure answers the user and never takes the bot down.
 * A duplicate delivery of an interaction (another gateway replica has it too) is harmless: a command that changes
 * something acknowledges (defers) before it runs, Discord accepts that once per interaction id, and the replica
 * whose acknowledgement is refused with 40060 stops there, so a change is applied once; a reading command may run
 * on both, and only one answer is shown.
 */
export function interactionHandler(bot: Bot, log: Logger) {
  const cache = new ReplyCache<Cached>(bot, { sizeOf: (c) => JSON.stringify(c.resolved ?? c.body).length });
  return async (i: Interaction): Promise<void> => {
    try {
      if (i.isAutocomplete()) return await autocomplete(bot, i);
      if (i.isButton() && i.customId.startsWith(BUTTON_ID)) return await pressed(bot, i, log);
      if (!i.isChatInputCommand() || (i.commandName !== TRADE && i.commandName !== TRADE_ADMIN)) return;
      await chatInput(bot, i, log, cache);
    } catch (err) {
      if (answeredElsewhere(err))
        return log.debug(`interaction ${i.id} was answered by another replica (40060); this one stops`);
      log.error('discord interaction failed', err);
      if (!i.isChatInputCommand() && !i.isButton()) return;
      const body = messageBody(errorReply('Something went wrong on our side. Nothing was changed.'));
      await (i.deferred || i.replied ? i.followUp(body) : i.reply(body)).catch(() => undefined);
    }
  };
}
