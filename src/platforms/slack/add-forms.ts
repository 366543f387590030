import type { webApi } from '@slack/bolt';
import type { Bot } from '../../bot.js';
import type { CommandDef } from '../../commands/define.js';
import { AUTHORITIES, MEASURE_STATUSES } from '../../domain/measure.js';
import type { Reply } from '../../render/reply.js';
import { renderText } from '../../render/text.js';

/** One input of a form: the command option it fills, its label and placeholder, required, multiline. */
type Input = readonly [
  option: string,
  label: string,
  placeholder: string,
  required: boolean,
  multiline?: boolean,
];

/**
 * A form that fills one editor command's options: `/trade add` or `/trade add-measure` typed alone opens it,
 * and a proposal's Edit button opens the `accept` form prefilled.
 */
export interface AddForm {
  readonly command: 'add' | 'add-measure' | 'accept';
  readonly callbackId: string;
  /** Slack allows 24 characters. */
  readonly title: string;
  /** The submit button's label (Slack allows 24 characters); Add when unset. */
  readonly submit?: string;
  readonly inputs: readonly Input[];
}

export const ADD_FORMS: readonly AddForm[] = [
  {
    command: 'add',
    callbackId: 'trade_add_event',
    title: 'Add an event',
    inputs: [
      ['title', 'Title', 'Geneva follow-up talks', true],
      ['start', 'Start', '2026-12-03 10:00 Europe/Zurich (or a date: 2026-12-03)', true],
      ['end', 'End', 'optional, same format as start', false],
      ['kind', 'Kind', 'meeting, summit, call, deadline, hearing, …', false],
      ['countries', 'Countries', 'US,CN', false],
      ['location', 'Where', 'optional', false],
      ['summary', 'Summary', 'optional', false, true],
      ['source', 'Source URL', 'https://…', true],
      ['confidence', 'Confidence', 'confirmed, reported or unverified', false],
    ],
  },
  {
    command: 'add-measure',
    callbackId: 'trade_add_measure',
    title: 'Add a tariff measure',
    inputs: [
      ['title', 'Title', 'Section 232 tariff on drones', true],
      ['authority', 'Authority', AUTHORITIES.join(', '), true],
      ['rate', 'Rate', '25% (or a description: per-ton fee)', true],
      ['imposing', 'Imposed by', 'US (default)', false],
      ['targets', 'On goods from', 'all, or CN,HK', true],
      ['from', 'In force from', '2026-12-15 (or 2026-12-15 00:01 America/New_York)', false],
      ['until', 'Until', 'optional, same format', false],
      ['coverage', 'Coverage', 'some-goods (default) or all-goods', false],
      ['scope', 'Scope', 'Unmanned aircraft and parts', false, true],
      ['hts', 'HTS headings', '8806,8807', false],
      ['status', 'Status', MEASURE_STATUSES.join(', '), false],
      ['source', 'Source URL', 'https://www.federalregister.gov/d/…', true],
      ['confidence', 'Confidence', 'confirmed, reported or unverified', false],
    ],
  },
];

/** The Edit form of a proposal: `accept <id>` with the main item's fields, prefilled from the proposal. */
export const ACCEPT_FORM: AddForm = {
  command: 'accept',
  callbackId: 'trade_accept_proposal',
  title: 'Edit and accept',
  submit: 'Accept',
  inputs: [
    ['title', 'Title', 'Section 301 tariff increase', true],
    ['start', 'Date', '2026-12-15 (or 2026-12-15 00:01 America/New_York)', true],
    ['kind', 'Kind', 'tariff-action, investigation, hearing, …', false],
    ['countries', 'Countries', 'US,CN', false],
    ['summary', 'Summary', 'optional', false, true],
  ],
};

/** The form for a command, if it has one. */
export const formFor = (command: string | undefined): AddForm | undefined =>
  ADD_FORMS.find((f) => f.command === command);

/**
 * The modal of a form, each input showing its `initial` value if any; `metadata` (the channel it was opened
 * from, and for an Edit form the proposal) travels in private_metadata.
 */
export function formView(form: AddForm, metadata: string, initial: Record<string, string> = {}) {
  return {
    type: 'modal' as const,
    callback_id: form.callbackId,
    private_metadata: metadata,
    title: { type: 'plain_text' as const, text: form.title },
    submit: { type: 'plain_text' as const, text: form.submit ?? 'Add' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: form.inputs.map(([name, label, placeholder, required, multiline]) => ({
      type: 'input',
      block_id: name,
      optional: !required,
      label: { type: 'plain_text', text: label },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: Boolean(multiline),
        placeholder: { type: 'plain_text', text: placeholder },
        ...(initial[name] ? { initial_value: initial[name] } : {}),
      },
    })),
  };
}

type StateValues = Record<string, Record<string, { value?: string | null }>>;

const plain = (reply: Reply) =>
  renderText(reply, { zone: 'UTC' }).split('\n').slice(1).join(' ').replace(/`/g, '').trim();

/** What a submission adds to its inputs: options it always carries (`id`), and prefilled values it started from. */
export interface Prefilled {
  readonly fixed?: Record<string, string>;
  /** An input still equal to its prefilled value is not passed on: only changed fields become options. */
  readonly initial?: Record<string, string>;
}

/**
 * Validates a submitted form with the same schemas as its command typed in one line, and runs it. Returns the
 * inline errors to show (block id -> message), or the confirmation reply.
 */
export async function submitForm(
  bot: Bot,
  form: AddForm,
  values: StateValues,
  userId: string,
  channelId: string,
  zone: string | undefined,
  isEditor: boolean,
  prefilled: Prefilled = {},
): Promise<{ errors: Record<string, string> } | { reply: Reply }> {
  const raw: Record<string, string> = { ...prefilled.fixed };
  for (const [name] of form.inputs) {
    const v = values[name]?.value?.value?.trim();
    if (v && v !== prefilled.initial?.[name]?.trim()) raw[name] = v;
  }
  const def = bot.registry.find(form.command);
  if (!def.ok) throw new Error(`the ${form.command} command is not registered`);
  const ctx = bot.context(
    { platform: 'slack', id: userId, isEditor },
    { platform: 'slack', id: channelId },
    zone,
  );
  const parsed = bot.registry.validate(def.def as CommandDef, raw, ctx.zone);
  const first = form.inputs[0]?.[0] ?? 'title';
  const shown = (field: string | undefined) =>
    field && form.inputs.some(([name]) => name === field) ? field : first;
  if (!parsed.ok) return { errors: { [shown(parsed.field)]: plain(parsed.reply).slice(0, 150) } };
  const reply = await bot.registry.run(parsed, ctx);
  if (reply.tone === 'error') return { errors: { [first]: plain(reply).slice(0, 150) } };
  return { reply };
}

/** Opens a form, its inputs showing `initial`. */
export async function openForm(
  client: webApi.WebClient,
  form: AddForm,
  triggerId: string,
  metadata: string,
  initial: Record<string, string> = {},
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: formView(form, metadata, initial) as never });
}
