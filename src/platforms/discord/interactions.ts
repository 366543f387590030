import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type AutocompleteInteraction,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ComponentType,
  type Interaction,
  MessageFlags,
  MessagePayload,
  PermissionFlagsBits,
} from 'discord.js';
import type { Bot } from '../../bot.js';
import type { RawValues } from '../../commands/bind.js';
import type { Actor } from '../../commands/context.js';
import type { Logger } from '../../logger.js';
import { errorReply, type Reply } from '../../render/reply.js';
import { within } from '../quick-answer.js';
import { ReplyCache } from '../reply-cache.js';
import { actionRows } from './action-rows.js';
import { autocompleteChoices } from './autocomplete.js';
import { isReplyAction, replyAction } from './button-press.js';
import { TRADE, TRADE_ADMIN } from './command-json.js';
import { renderEmbeds } from './embeds.js';

/** The custom_id prefix of the "More" button under a paged list; the rest is the command showing the next page. */
export const NEXT_PAGE_ID = 'page:';

/** The "More" button row for a reply's next page, when its custom_id fits Discord's 100 characters. */
function nextPageRow(reply: Reply): APIActionRowComponent<APIButtonComponent>[] {
  const id = reply.next ? `${NEXT_PAGE_ID}${reply.next.command}` : '';
  if (!reply.next || id.length > 100) return [];
  const button: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: reply.next.label.slice(0, 80),
    custom_id: id,
  };
  return [{ type: ComponentType.ActionRow, components: [button] }];
}

/** A reply as a Discord message body; nothing in it can ping anyone. */
export function messageBody(reply: Reply) {
  return {
    // Already in Discord's wire shape: as JSONEncodable, discord.js sends them without a deep key transform.
    embeds: renderEmbeds(reply).map((e) => ({ toJSON: () => e as APIEmbed })),
    components: [...nextPageRow(reply), ...actionRows(reply)].map((row) => ({ toJSON: () => row })),
    allowedMentions: { parse: [] },
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

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
  readonly resolved: NonNullable<MessagePayload['body']>;
}

function cachedReply(i: ChatInputCommandInteraction, body: Body): Cached {
  const resolved = MessagePayload.create(i, body).resolveBody().body;
  if (!resolved) throw new Error('discord.js resolved no message body');
  return { body, resolved };
}

function replyWith(i: ChatInputCommandInteraction, cached: Cached) {
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
  if (!found.ok) return void (await i.reply(messageBody(found.reply)));
  const actor = actorOf(bot, i);
  const raw = rawOptions(i);
  const sensitive = found.def.mutates || found.def.access === 'editors';
  const parts = [i.channelId, actor.isEditor, found.def.name, JSON.stringify(raw)];
  const hit = sensitive ? undefined : cache.peek(parts);
  if (hit) return void (await replyWith(i, hit));
  const ctx = bot.context(actor, { platform: 'discord', id: i.channelId });
  const run = () =>
    bot.registry.run(bot.registry.validate(found.def, raw, ctx.zone), ctx, (err) =>
      log.error('command failed', err),
    );
  if (sensitive) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const { flags: _ephemeral, ...body } = messageBody(await run());
    await i.editReply(body);
    return;
  }
  const work = cache.get(parts, async () => cachedReply(i, messageBody(await run())));
  const quick = await within(work);
  if (quick) return void (await replyWith(i, quick));
  // Deferred answers keep their privacy: only a shared brief is public.
  await i.deferReply(raw.share === true ? {} : { flags: MessageFlags.Ephemeral });
  const { flags: _f, ...body } = (await work).body;
  await i.editReply(body);
}

/**
 * The "More" button: runs the command in its custom_id for the member who clicked and answers with that page,
 * privately like the list itself. Only reading commands run from a button.
 */
async function nextPage(bot: Bot, i: ButtonInteraction, log: Logger): Promise<void> {
  const command = i.customId.slice(NEXT_PAGE_ID.length);
  const def = bot.registry.named(command);
  const actor = actorOf(bot, i);
  const reply =
    def && !def.mutates && def.access === 'everyone'
      ? await bot.dispatch(command, actor, { platform: 'discord', id: i.channelId })
      : errorReply('That button does not run this command. Nothing was changed.');
  if (reply.tone === 'error') log.warn(`a More button answered with an error: ${command.slice(0, 100)}`);
  await i.reply({ ...messageBody(reply), flags: MessageFlags.Ephemeral });
}

async function autocomplete(bot: Bot, i: AutocompleteInteraction): Promise<void> {
  const focused = i.options.getFocused(true);
  const def = bot.registry.find(i.options.getSubcommand());
  const kind = def.ok ? def.def.options[focused.name]?.autocomplete : undefined;
  await i.respond(kind ? autocompleteChoices(bot, kind, String(focused.value)) : []);
}

/** Handles /trade, /trade-admin and their autocomplete; a failure answers the user and never takes the bot down. */
export function interactionHandler(bot: Bot, log: Logger) {
  const cache = new ReplyCache<Cached>(bot);
  return async (i: Interaction): Promise<void> => {
    try {
      if (i.isAutocomplete()) return await autocomplete(bot, i);
      if (i.isButton() && i.customId.startsWith(NEXT_PAGE_ID)) return await nextPage(bot, i, log);
      if (i.isButton() && isReplyAction(i)) return await replyAction(bot, i, log);
      if (!i.isChatInputCommand() || (i.commandName !== TRADE && i.commandName !== TRADE_ADMIN)) return;
      await chatInput(bot, i, log, cache);
    } catch (err) {
      log.error('discord interaction failed', err);
      if (!i.isChatInputCommand() && !i.isButton()) return;
      const body = messageBody(errorReply('Something went wrong on our side. Nothing was changed.'));
      await (i.deferred || i.replied ? i.followUp(body) : i.reply(body)).catch(() => undefined);
    }
  };
}
