import type { webApi } from '@slack/bolt';
import type { Bot } from '../../bot.js';
import type { CommandDef } from '../../commands/define.js';
import type { Reply } from '../../render/reply.js';
import { renderText } from '../../render/text.js';

export const ADD_EVENT_CALLBACK = 'trade_add_event';

/** The form's inputs: option name, label, placeholder, whether it must be filled, multiline. */
const INPUTS: [string, string, string, boolean, boolean?][] = [
  ['title', 'Title', 'Geneva follow-up talks', true],
  ['start', 'Start', '2026-12-03 10:00 Europe/Zurich (or a date: 2026-12-03)', true],
  ['end', 'End', 'optional, same format as start', false],
  ['kind', 'Kind', 'meeting, summit, call, deadline, hearing, …', false],
  ['countries', 'Countries', 'US,CN', false],
  ['location', 'Where', 'optional', false],
  ['summary', 'Summary', 'optional', false, true],
  ['source', 'Source URL', 'https://…', true],
  ['confidence', 'Confidence', 'confirmed, reported or unverified', false],
];

/** The add-event modal; the channel it was opened from travels in private_metadata. */
export function addEventView(channelId: string) {
  return {
    type: 'modal' as const,
    callback_id: ADD_EVENT_CALLBACK,
    private_metadata: channelId,
    title: { type: 'plain_text' as const, text: 'Add an event' },
    submit: { type: 'plain_text' as const, text: 'Add' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: INPUTS.map(([name, label, placeholder, required, multiline]) => ({
      type: 'input',
      block_id: name,
      optional: !required,
      label: { type: 'plain_text', text: label },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: Boolean(multiline),
        placeholder: { type: 'plain_text', text: placeholder },
      },
    })),
  };
}

type StateValues = Record<string, Record<string, { value?: string | null }>>;

const plain = (reply: Reply) =>
  renderText(reply, { zone: 'UTC' }).split('\n').slice(1).join(' ').replace(/`/g, '').trim();

/**
 * Validates a submitted form with the same schemas as `/trade add` and runs it. Returns the inline
 * errors to show (block id -> message), or the confirmation reply.
 */
export async function submitAddEvent(
  bot: Bot,
  values: StateValues,
  userId: string,
  channelId: string,
  zone: string | undefined,
  isEditor: boolean,
): Promise<{ errors: Record<string, string> } | { reply: Reply }> {
  const raw: Record<string, string> = {};
  for (const [name] of INPUTS) {
    const v = values[name]?.value?.value?.trim();
    if (v) raw[name] = v;
  }
  const def = bot.registry.find('add');
  if (!def.ok) throw new Error('the add command is not registered');
  const ctx = bot.context(
    { platform: 'slack', id: userId, isEditor },
    { platform: 'slack', id: channelId },
    zone,
  );
  const parsed = bot.registry.validate(def.def as CommandDef, raw, ctx.zone);
  if (!parsed.ok) return { errors: { [parsed.field ?? 'title']: plain(parsed.reply).slice(0, 150) } };
  const reply = await bot.registry.run(parsed, ctx);
  if (reply.tone === 'error') return { errors: { title: plain(reply).slice(0, 150) } };
  return { reply };
}

/** Opens the form. */
export async function openAddEvent(
  client: webApi.WebClient,
  triggerId: string,
  channelId: string,
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: addEventView(channelId) as never });
}
