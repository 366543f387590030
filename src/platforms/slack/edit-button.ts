import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Bot } from '../../bot.js';
import { acceptDefaults } from '../../commands/proposal-lines.js';
import type { Logger } from '../../log/logger.js';
import { errorReply, type Reply } from '../../render/reply.js';
import type { Proposal } from '../../sources/proposal.js';
import { pressButton } from '../button-press.js';
import { ACCEPT_FORM, type AddForm, openForm, type Prefilled } from './add-forms.js';
import { responseBody } from './slash-command.js';

/** The value of a proposal's Edit button, `accept <id>`, and the Edit form's private_metadata, `<channel>|<id>`. */
const EDIT_VALUE = /^accept (p[a-z0-9]{4,12})$/;
const EditMetadata = z.string().regex(/^[A-Z0-9]{1,40}\|p[a-z0-9]{4,12}$/);

const pending = (bot: Bot, id: string): Proposal | undefined =>
  bot.store.read().watcher.proposals.find((p) => p.id === id && p.status === 'pending');

/**
 * Where a submitted form answers and what it starts from: an add form's metadata is its channel; an Edit
 * form's names the proposal too, which becomes `id` and whose suggestions are the values it was prefilled with.
 * Undefined for metadata this bot did not write.
 */
export function formTarget(
  bot: Bot,
  form: AddForm,
  metadata: string,
): { channel: string; prefilled: Prefilled } | undefined {
  if (form !== ACCEPT_FORM) return { channel: metadata, prefilled: {} };
  const parsed = EditMetadata.safeParse(metadata);
  if (!parsed.success) return undefined;
  const [channel = '', id = ''] = parsed.data.split('|');
  const p = pending(bot, id);
  return { channel, prefilled: { fixed: { id }, initial: p ? acceptDefaults(p) : {} } };
}

/**
 * A press on a proposal's Edit button: an editor gets the accept form prefilled from the proposal (opened with
 * the press's trigger id, so within Slack's 3 s); anyone else the refusal typing `accept` would give.
 */
export function editButtonHandler(
  bot: Bot,
  log: Logger,
  isEditor: (userId: string) => Promise<boolean>,
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>> {
  return async ({ ack, body, action, respond, client }) => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? body.container?.channel_id ?? user;
    const answer = async (reply: Reply): Promise<void> => {
      await respond({ ...responseBody(reply), replace_original: false }).catch((err) =>
        log.warn('could not answer an Edit press', err),
      );
    };
    const id = EDIT_VALUE.exec(action.value ?? '')?.[1];
    if (!id) return answer(errorReply('That button is not one this bot made. Nothing was changed.'));
    const editor = await isEditor(user);
    const actor = { platform: 'slack' as const, id: user, isEditor: editor };
    if (!editor)
      return answer(await pressButton(bot, `accept ${id}`, actor, { platform: 'slack', id: channel }));
    const p = pending(bot, id);
    if (!p) return answer(errorReply(`Proposal ${id} is no longer pending. Nothing was changed.`));
    await openForm(client, ACCEPT_FORM, body.trigger_id, `${channel}|${id}`, acceptDefaults(p)).catch(
      (err) => {
        log.warn('could not open the Edit form', err);
        return answer(
          errorReply(
            'The form could not be opened in time. Nothing was changed.',
            `Press Edit again, or type /trade accept ${id} field:value`,
          ),
        );
      },
    );
  };
}
