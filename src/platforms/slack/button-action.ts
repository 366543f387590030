import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Bot } from '../../bot.js';
import type { Logger } from '../../log/logger.js';
import { pressButton } from '../button-press.js';
import { responseBody } from './slash-command.js';

/**
 * A press on any of our buttons (More, Accept, held, …): acks at once, runs the command in its value as the
 * person who pressed it with their own rights, and answers privately for a reading command, else as it answers.
 */
export function buttonActionHandler(
  bot: Bot,
  log: Logger,
  isEditor: (userId: string) => Promise<boolean>,
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>> {
  return async ({ ack, body, action, respond }) => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id ?? user;
    const reply = await pressButton(
      bot,
      action.value ?? '',
      { platform: 'slack', id: user, isEditor: await isEditor(user) },
      { platform: 'slack', id: channel },
    );
    await respond({ ...responseBody(reply), replace_original: false }).catch((err) =>
      log.warn('could not answer a button press', err),
    );
  };
}
