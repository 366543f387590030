import type { Bot } from '../bot.js';
import type { Actor } from '../commands/context.js';
import { isPressable, isReading } from '../commands/pressable.js';
import type { ChannelRef } from '../domain/subscription.js';
import { errorReply, type Reply } from '../render/reply.js';

/**
 * Runs a pressed button's command as the person who pressed it, with their own rights (a non-editor is refused
 * exactly as if they had typed it). The answer is private for a reading command and otherwise as the command
 * answers; a value naming no command the bot puts on buttons is refused and changes nothing.
 */
export async function pressButton(
  bot: Bot,
  command: string,
  actor: Actor,
  channel: ChannelRef,
): Promise<Reply> {
  const def = bot.registry.named(command);
  if (!def || !isPressable(def))
    return errorReply('That button is not one this bot made. Nothing was changed.');
  const reply = await bot.dispatch(command, actor, channel);
  return isReading(def) ? { ...reply, visibility: 'ephemeral' } : reply;
}
