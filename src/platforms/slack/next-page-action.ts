import type { Bot } from '../../bot.js';
import type { Logger } from '../../logger.js';
import { errorReply } from '../../render/reply.js';
import { responseBody } from './slash-command.js';

/** What Bolt hands a block_actions handler that we use. */
export interface NextPageArgs {
  readonly ack: () => Promise<void>;
  readonly action: { readonly value?: string };
  readonly body: { readonly user: { readonly id: string }; readonly channel?: { readonly id: string } };
  readonly respond: (body: Record<string, unknown>) => Promise<unknown>;
}

/**
 * The "More" button under a paged list: runs the command in its value for the person who clicked and answers
 * with that page, shown only to them like the list itself. Only reading commands run from a button.
 */
export function nextPageHandler(bot: Bot, log: Logger, isEditor: (userId: string) => Promise<boolean>) {
  return async ({ ack, action, body, respond }: NextPageArgs): Promise<void> => {
    await ack();
    const command = action.value ?? '';
    const def = bot.registry.named(command);
    const channel = { platform: 'slack' as const, id: body.channel?.id ?? 'unknown' };
    const actor = { platform: 'slack' as const, id: body.user.id, isEditor: await isEditor(body.user.id) };
    const reply =
      def && !def.mutates && def.access === 'everyone'
        ? await bot.dispatch(command, actor, channel)
        : errorReply('That button does not run this command. Nothing was changed.');
    await respond({ ...responseBody(reply), response_type: 'ephemeral', replace_original: false }).catch(
      (err) => log.warn('answering the More button failed', err),
    );
  };
}
