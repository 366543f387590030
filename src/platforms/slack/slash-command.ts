import type { Bot } from '../../bot.js';
import type { Actor } from '../../commands/context.js';
import { withoutTradePrefix } from '../../commands/registry.js';
import type { Logger } from '../../log/logger.js';
import type { Reply } from '../../render/reply.js';
import { within } from '../quick-answer.js';
import { ReplyCache } from '../reply-cache.js';
import { renderBlocks } from './block-kit.js';
import type { SlackUser } from './slack-users.js';

/** What Bolt hands a /trade handler that we use. */
export interface SlashArgs {
  readonly command: { text?: string; user_id: string; channel_id: string; trigger_id: string };
  readonly ack: (body?: Record<string, unknown>) => Promise<void>;
  readonly respond: (body: Record<string, unknown>) => Promise<unknown>;
}

export interface SlashDeps {
  readonly bot: Bot;
  readonly log: Logger;
  readonly user: (id: string) => Promise<SlackUser>;
  readonly adminsAreEditors: boolean;
  /** Opens the add-event form when an editor types `/trade add` with nothing else. */
  readonly openAddForm?: (triggerId: string, channelId: string) => Promise<void>;
}

/** A reply as a slash-command response body. */
export function responseBody(reply: Reply): Record<string, unknown> {
  const { text, blocks } = renderBlocks(reply);
  return { response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', text, blocks };
}

/** A check that is true the first time a trigger id is seen: Slack resends a request it did not see answered. */
function firstDeliveries(): (triggerId: string) => boolean {
  const seen = new Set<string>();
  return (triggerId) => {
    if (seen.has(triggerId)) return false;
    seen.add(triggerId);
    if (seen.size > 5000) seen.delete(seen.values().next().value as string);
    return true;
  };
}

/**
 * The /trade handler. Reads are answered in the acknowledgement when ready within 1.5 s (one round
 * trip), otherwise acked empty and answered through response_url. Changes ack first, run once per
 * trigger id (a retried request changes nothing twice), then respond.
 */
export function slashCommandHandler(d: SlashDeps) {
  const firstDelivery = firstDeliveries();
  const cache = new ReplyCache<Record<string, unknown>>(d.bot);
  return async ({ command, ack, respond }: SlashArgs): Promise<void> => {
    // `/trade trade add …` and `/trade /trade add …` mean `/trade add …`, as the registry reads them.
    const text = withoutTradePrefix(command.text ?? '');
    const def = d.bot.registry.named(text);
    const sensitive = Boolean(def?.mutates || def?.access === 'editors');
    if (sensitive && !firstDelivery(command.trigger_id)) return ack();
    const profile = sensitive ? await d.user(command.user_id) : undefined;
    const isEditor =
      d.bot.isListedEditor('slack', command.user_id) || Boolean(d.adminsAreEditors && profile?.isAdmin);
    const actor: Actor = { platform: 'slack', id: command.user_id, isEditor };
    const channel = { platform: 'slack' as const, id: command.channel_id };
    if (def?.name === 'add' && text === 'add' && isEditor && d.openAddForm) {
      await ack();
      return d.openAddForm(command.trigger_id, command.channel_id);
    }
    if (sensitive) {
      await ack();
      await respond(responseBody(await d.bot.dispatch(text, actor, channel, profile?.tz)));
      return;
    }
    const parts = [channel.id, isEditor, text];
    const hit = cache.peek(parts);
    if (hit) return ack(hit);
    const work = cache.get(parts, async () => responseBody(await d.bot.dispatch(text, actor, channel)));
    const quick = await within(work);
    if (quick) return ack(quick);
    await ack();
    await respond(await work).catch((err) => d.log.warn('respond failed', err));
  };
}
