import { type ButtonInteraction, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Bot } from '../../bot.js';
import type { Logger } from '../../logger.js';
import { REPLY_ACTION_ID } from './action-rows.js';
import { messageBody } from './interactions.js';

/** Whether a button press is one of a reply's actions (Accept, Reject, …). */
export const isReplyAction = (i: ButtonInteraction) => i.customId.startsWith(REPLY_ACTION_ID);

/**
 * A press on a reply's button: defers privately, runs the button's command as the member who pressed it with
 * their own rights (a non-editor is refused as if they had typed it), and answers only them.
 */
export async function replyAction(bot: Bot, i: ButtonInteraction, log: Logger): Promise<void> {
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const manager = Boolean(i.memberPermissions?.has(PermissionFlagsBits.ManageGuild));
  const actor = {
    platform: 'discord' as const,
    id: i.user.id,
    name: i.user.username,
    isEditor: manager || bot.isListedEditor('discord', i.user.id),
  };
  const reply = await bot.dispatch(i.customId.slice(REPLY_ACTION_ID.length), actor, {
    platform: 'discord',
    id: i.channelId,
  });
  if (reply.tone === 'error')
    log.debug(`a button press was refused: ${reply.intro?.join('') ?? reply.title}`);
  const { flags: _ephemeral, ...body } = messageBody(reply);
  await i.editReply(body);
}
