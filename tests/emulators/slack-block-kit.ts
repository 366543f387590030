/** Slack's documented limits on a message (Block Kit reference and chat.postMessage docs). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  text: 40_000,
} as const;

/** The message fields the limits apply to, as an app passes them (or as a JSON body carries them). */
export interface BlockKitMessage {
  readonly text?: unknown;
  readonly blocks?: unknown;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (pointer: string) => `[json-pointer:${pointer}]`;
// Lengths are UTF-16 code units: never fewer than Slack's count, so a message passing here passes there.
const tooLong = (max: number, pointer: string) =>
  `[ERROR] must be less than ${max + 1} characters ${at(pointer)}`;
const tooMany = (max: number, pointer: string) => `[ERROR] no more than ${max} items allowed ${at(pointer)}`;

/** Problems of a text object `{type, text}` at `pointer`: missing, empty or over `max` characters. */
export function textProblems(value: unknown, max: number, pointer: string): string[] {
  if (!isObj(value) || typeof value.text !== 'string')
    return [`[ERROR] must provide a text object ${at(pointer)}`];
  if (value.text.length === 0) return [`[ERROR] must be more than 0 characters ${at(`${pointer}/text`)}`];
  return value.text.length > max ? [tooLong(max, `${pointer}/text`)] : [];
}

function sectionProblems(block: Obj, pointer: string): string[] {
  if (block.text === undefined && block.fields === undefined) {
    return [`[ERROR] must define either \`text\` or \`fields\` ${at(pointer)}`];
  }
  const out =
    block.text === undefined ? [] : textProblems(block.text, SLACK_LIMITS.sectionText, `${pointer}/text`);
  if (block.fields === undefined) return out;
  if (!Array.isArray(block.fields)) return [...out, `[ERROR] must be an array ${at(`${pointer}/fields`)}`];
  if (block.fields.length > SLACK_LIMITS.sectionFields) {
    out.push(tooMany(SLACK_LIMITS.sectionFields, `${pointer}/fields`));
  }
  block.fields.forEach((field, i) => {
    out.push(...textProblems(field, SLACK_LIMITS.fieldText, `${pointer}/fields/${i}`));
  });
  return out;
}

function headerProblems(block: Obj, pointer: string): string[] {
  const text = block.text;
  if (isObj(text) && text.type !== 'plain_text') {
    return [`[ERROR] must be a plain_text text object ${at(`${pointer}/text`)}`];
  }
  return textProblems(text, SLACK_LIMITS.headerText, `${pointer}/text`);
}

function elementsProblems(block: Obj, max: number, pointer: string): string[] {
  if (!Array.isArray(block.elements)) return [`[ERROR] must provide an array ${at(`${pointer}/elements`)}`];
  return block.elements.length > max ? [tooMany(max, `${pointer}/elements`)] : [];
}

/** A button: plain_text label of 1-75 characters, action_id of at most 255, value of at most 2000. */
function buttonProblems(button: Obj, pointer: string): string[] {
  const out: string[] = [];
  if (isObj(button.text) && button.text.type !== 'plain_text')
    out.push(`[ERROR] must be a plain_text text object ${at(`${pointer}/text`)}`);
  out.push(...textProblems(button.text, SLACK_LIMITS.buttonText, `${pointer}/text`));
  if (typeof button.action_id === 'string' && button.action_id.length > SLACK_LIMITS.actionId)
    out.push(tooLong(SLACK_LIMITS.actionId, `${pointer}/action_id`));
  if (typeof button.value === 'string' && button.value.length > SLACK_LIMITS.buttonValue)
    out.push(tooLong(SLACK_LIMITS.buttonValue, `${pointer}/value`));
  return out;
}

function actionsProblems(block: Obj, pointer: string): string[] {
  const out = elementsProblems(block, SLACK_LIMITS.actionsElements, pointer);
  if (!Array.isArray(block.elements)) return out;
  const seen = new Set<unknown>();
  block.elements.forEach((element, i) => {
    const where = `${pointer}/elements/${i}`;
    if (!isObj(element) || typeof element.type !== 'string')
      out.push(`[ERROR] must provide an element type ${at(where)}`);
    else if (element.type === 'button') out.push(...buttonProblems(element, where));
    if (isObj(element) && element.action_id !== undefined && seen.has(element.action_id))
      out.push(`[ERROR] action_id already exists in this block ${at(`${where}/action_id`)}`);
    if (isObj(element)) seen.add(element.action_id);
  });
  return out;
}

/** Problems of one block at `pointer` (a JSON pointer), in Slack's wording. */
export function blockProblems(block: unknown, pointer: string): string[] {
  if (!isObj(block) || typeof block.type !== 'string')
    return [`[ERROR] must provide a block type ${at(pointer)}`];
  const out: string[] = [];
  if (typeof block.block_id === 'string' && block.block_id.length > SLACK_LIMITS.blockId) {
    out.push(tooLong(SLACK_LIMITS.blockId, `${pointer}/block_id`));
  }
  if (block.type === 'section') out.push(...sectionProblems(block, pointer));
  if (block.type === 'header') out.push(...headerProblems(block, pointer));
  if (block.type === 'context') out.push(...elementsProblems(block, SLACK_LIMITS.contextElements, pointer));
  if (block.type === 'actions') out.push(...actionsProblems(block, pointer));
  return out;
}

/** Problems of the `blocks` of a message, in Slack's wording; [] when Slack would accept them. */
export function blocksProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return [`[ERROR] must be an array ${at('/blocks')}`];
  const out = blocks.length > SLACK_LIMITS.blocks ? [tooMany(SLACK_LIMITS.blocks, '/blocks')] : [];
  const ids = new Set<unknown>();
  blocks.forEach((block, i) => {
    out.push(...blockProblems(block, `/blocks/${i}`));
    const id = isObj(block) ? block.block_id : undefined;
    if (id !== undefined && ids.has(id))
      out.push(`[ERROR] block_id already exists ${at(`/blocks/${i}/block_id`)}`);
    ids.add(id);
  });
  return out;
}

/** Problems of the top-level `text` (Slack answers these with `msg_too_long`). */
export function textLimitProblems(text: unknown): string[] {
  return typeof text === 'string' && text.length > SLACK_LIMITS.text
    ? [tooLong(SLACK_LIMITS.text, '/text')]
    : [];
}

/** Every limit a message breaks, in Slack's wording; [] when Slack would accept it. Pure. */
export function blockKitProblems(message: BlockKitMessage): string[] {
  return [...textLimitProblems(message.text), ...blocksProblems(message.blocks)];
}

/** How Slack refuses a message breaking the limits: the error code and the reasons; undefined if none. */
export function refusal(message: BlockKitMessage): { error: string; problems: string[] } | undefined {
  const blocks = blocksProblems(message.blocks);
  if (blocks.length > 0)
    return { error: 'invalid_blocks', problems: [...blocks, ...textLimitProblems(message.text)] };
  const text = textLimitProblems(message.text);
  return text.length > 0 ? { error: 'msg_too_long', problems: text } : undefined;
}
