import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Bot } from '../../bot.js';
import { OUTCOME_ACTION } from '../../commands/outcomes.js';
import type { Logger } from '../../logger.js';
import { pressOutcome } from '../outcome-press.js';
import { BUTTON_PREFIX } from './block-kit.js';
import { responseBody } from './slash-command.js';

/** Matches the action ids of the review queue's outcome buttons. */
export const OUTCOME_ACTION_ID = new RegExp(`^${BUTTON_PREFIX}${OUTCOME_ACTION}_\\d+$`);

/** Handles a press on an outcome button: acks, runs the edit as the presser, answers only them. */
export function outcomeActionHandler(
  bot: Bot,
  log: Logger,
  isEditor: (userId: string) => Promise<boolean>,
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>> {
  return async ({ ack, body, action, respond }) => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id ?? user;
    const reply = await pressOutcome(
      bot,
      action.value ?? '',
      { platform: 'slack', id: user, isEditor: await isEditor(user) },
      { platform: 'slack', id: channel },
    );
    await respond({ ...responseBody(reply), response_type: 'ephemeral', replace_original: false }).catch(
      (err) => log.warn('could not answer a button press', err),
    );
  };
}
