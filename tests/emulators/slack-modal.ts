import { blockKitProblems, blockProblems, textProblems } from './slack-block-kit.js';

/** Slack's documented limits on a modal view (views.open, and response_action update/push). */
export const MODAL_LIMITS = {
  blocks: 100,
  title: 24,
  button: 24,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (pointer: string) => `[json-pointer:${pointer}]`;
const tooLong = (max: number, pointer: string) =>
  `[ERROR] must be less than ${max + 1} characters ${at(pointer)}`;

function stringProblems(value: unknown, max: number, pointer: string): string[] {
  return typeof value === 'string' && value.length > max ? [tooLong(max, pointer)] : [];
}

function plainText(value: unknown, max: number, pointer: string): string[] {
  if (isObj(value) && value.type !== 'plain_text')
    return [`[ERROR] must be a plain_text text object ${at(pointer)}`];
  return textProblems(value, max, pointer);
}

function inputProblems(block: Obj, pointer: string): string[] {
  const out = plainText(block.label, MODAL_LIMITS.inputLabel, `${pointer}/label`);
  if (block.hint !== undefined) out.push(...plainText(block.hint, MODAL_LIMITS.inputHint, `${pointer}/hint`));
  if (!isObj(block.element)) return [...out, `[ERROR] must provide an object ${at(`${pointer}/element`)}`];
  const placeholder = block.element.placeholder;
  if (placeholder !== undefined)
    out.push(...plainText(placeholder, MODAL_LIMITS.placeholder, `${pointer}/element/placeholder`));
  return out;
}

/** Every rule a modal view breaks, in Slack's wording (pointers under /view); [] when Slack would open it. */
export function modalProblems(view: unknown): string[] {
  if (!isObj(view)) return [`[ERROR] must provide an object ${at('/view')}`];
  const out: string[] = [];
  if (view.type !== 'modal') out.push(`[ERROR] must be one of: modal ${at('/view/type')}`);
  out.push(...plainText(view.title, MODAL_LIMITS.title, '/view/title'));
  for (const button of ['submit', 'close'] as const) {
    if (view[button] !== undefined)
      out.push(...plainText(view[button], MODAL_LIMITS.button, `/view/${button}`));
  }
  out.push(...stringProblems(view.callback_id, MODAL_LIMITS.callbackId, '/view/callback_id'));
  out.push(...stringProblems(view.external_id, MODAL_LIMITS.externalId, '/view/external_id'));
  out.push(...stringProblems(view.private_metadata, MODAL_LIMITS.privateMetadata, '/view/private_metadata'));
  if (!Array.isArray(view.blocks)) return [...out, `[ERROR] must provide an array ${at('/view/blocks')}`];
  if (view.blocks.length > MODAL_LIMITS.blocks)
    out.push(`[ERROR] no more than ${MODAL_LIMITS.blocks} items allowed ${at('/view/blocks')}`);
  view.blocks.forEach((block, i) => {
    const pointer = `/view/blocks/${i}`;
    out.push(...blockProblems(block, pointer));
    if (isObj(block) && block.type === 'input') out.push(...inputProblems(block, pointer));
  });
  const hasInput = view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (hasInput && view.submit === undefined)
    out.push(`[ERROR] submit is required when an input block is present ${at('/view/submit')}`);
  return out;
}

const RESPONSE_ACTIONS = ['errors', 'update', 'push', 'clear'];

/**
 * Every rule an acknowledgement body breaks, for the request it answers: a slash command's ack is a
 * message (Block Kit limits, response_type in_channel or ephemeral); a view submission's ack is empty or a
 * response_action (errors: block id -> message; update and push: a valid modal). [] when Slack takes it.
 */
export function ackProblems(kind: string, body: unknown): string[] {
  if (body === undefined || (isObj(body) && Object.keys(body).length === 0)) return [];
  if (!isObj(body)) return [`[ERROR] an acknowledgement body must be a JSON object ${at('')}`];
  if (kind === 'slash_commands') {
    const type = body.response_type;
    const out =
      type === undefined || type === 'in_channel' || type === 'ephemeral'
        ? []
        : [`[ERROR] must be one of: in_channel, ephemeral ${at('/response_type')}`];
    return [...out, ...blockKitProblems(body)];
  }
  if (kind !== 'view_submission') return [];
  const action = body.response_action;
  if (typeof action !== 'string' || !RESPONSE_ACTIONS.includes(action))
    return [`[ERROR] must be one of: ${RESPONSE_ACTIONS.join(', ')} ${at('/response_action')}`];
  if (action === 'errors') {
    const errors = body.errors;
    if (!isObj(errors) || Object.keys(errors).length === 0)
      return [`[ERROR] must provide a non-empty object ${at('/errors')}`];
    return Object.entries(errors)
      .filter(([, message]) => typeof message !== 'string' || message === '')
      .map(([id]) => `[ERROR] must be a non-empty string ${at(`/errors/${id}`)}`);
  }
  return action === 'clear' ? [] : modalProblems(body.view);
}
