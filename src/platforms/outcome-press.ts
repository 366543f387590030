import type { Bot } from '../bot.js';
import type { Actor } from '../commands/context.js';
import { outcomeCommand } from '../commands/outcomes.js';
import type { ChannelRef } from '../domain/subscription.js';
import { errorReply, type Reply } from '../render/reply.js';

/**
 * Runs a pressed outcome button as the person who pressed it: the same `edit <id> status:…` as typed, with the
 * same editor check, audit entry and errors; a value we never made is refused and changes nothing.
 */
export function pressOutcome(bot: Bot, value: string, actor: Actor, channel: ChannelRef): Promise<Reply> {
  const command = outcomeCommand(value);
  if (!command)
    return Promise.resolve(errorReply('That button is not one this bot made. Nothing was changed.'));
  return bot.dispatch(command, actor, channel);
}
