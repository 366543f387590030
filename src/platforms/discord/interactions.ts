import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { Bot } from '../../bot.js';
import type { RawValues } from '../../commands/bind.js';
import type { Actor } from '../../commands/context.js';
import type { Logger } from '../../logger.js';
import { errorReply, type Reply } from '../../render/reply.js';
import { within } from '../quick-answer.js';
import { autocompleteChoices } from './autocomplete.js';
import { TRADE, TRADE_ADMIN } from './command-json.js';
import { renderEmbeds } from './embeds.js';

/** A reply as a Discord message body; nothing in it can ping anyone. */
export function messageBody(reply: Reply) {
  return {
    embeds: renderEmbeds(reply),
    allowedMentions: { parse: [] },
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

function actorOf(bot: Bot, i: ChatInputCommandInteraction): Actor {
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

async function chatInput(bot: Bot, i: ChatInputCommandInteraction, log: Logger): Promise<void> {
  const found = bot.registry.find(i.options.getSubcommand());
  const channel = { platform: 'discord' as const, id: i.channelId };
  const actor = actorOf(bot, i);
  if (!found.ok) return void (await i.reply(messageBody(found.reply)));
  const ctx = bot.context(actor, channel);
  const parsed = bot.registry.validate(found.def, rawOptions(i), ctx.zone);
  const work = bot.registry.run(parsed, ctx, (err) => log.error('command failed', err));
  if (found.def.mutates || found.def.access === 'editors') {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const { flags: _ephemeral, ...body } = messageBody(await work);
    await i.editReply(body);
    return;
  }
  const quick = await within(work);
  if (quick) return void (await i.reply(messageBody(quick)));
  await i.deferReply();
  const { flags: _f, ...body } = messageBody(await work);
  await i.editReply(body);
}

async function autocomplete(bot: Bot, i: AutocompleteInteraction): Promise<void> {
  const focused = i.options.getFocused(true);
  const def = bot.registry.find(i.options.getSubcommand());
  const kind = def.ok ? def.def.options[focused.name]?.autocomplete : undefined;
  await i.respond(kind ? autocompleteChoices(bot, kind, String(focused.value)) : []);
}

/** Handles /trade, /trade-admin and their autocomplete; a failure answers the user and never takes the bot down. */
export function interactionHandler(bot: Bot, log: Logger) {
  return async (i: Interaction): Promise<void> => {
    try {
      if (i.isAutocomplete()) return await autocomplete(bot, i);
      if (!i.isChatInputCommand() || (i.commandName !== TRADE && i.commandName !== TRADE_ADMIN)) return;
      await chatInput(bot, i, log);
    } catch (err) {
      log.error('discord interaction failed', err);
      if (!i.isChatInputCommand()) return;
      const body = messageBody(errorReply('Something went wrong on our side. Nothing was changed.'));
      await (i.deferred || i.replied ? i.followUp(body) : i.reply(body)).catch(() => undefined);
    }
  };
}
