import type { Bot } from '../../bot.js';
import type { Logger } from '../../logger.js';
import { responseBody } from './slash-command.js';

/** What Bolt hands a block_actions listener that we use. */
export interface ActionArgs {
  readonly ack: () => Promise<void>;
  readonly body: { user: { id: string }; channel?: { id: string } };
  readonly action: object;
  readonly respond: (body: Record<string, unknown>) => Promise<unknown>;
}

/**
 * A press on a reply's button (Accept, Reject, …): acks at once, then runs the button's command as the person
 * who pressed it, with their own rights (a non-editor is refused as if they had typed it), answering privately.
 */
export function replyActionHandler(bot: Bot, log: Logger, isEditor: (userId: string) => Promise<boolean>) {
  return async ({ ack, body, action, respond }: ActionArgs): Promise<void> => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const channelId = body.channel?.id ?? '';
    const actor = { platform: 'slack' as const, id: body.user.id, isEditor: await isEditor(body.user.id) };
    const reply = await bot.dispatch(value, actor, { platform: 'slack', id: channelId || 'unknown' });
    await respond({ ...responseBody({ ...reply, visibility: 'ephemeral' }), replace_original: false }).catch(
      (err) => log.warn('could not answer a button press', err),
    );
  };
}
