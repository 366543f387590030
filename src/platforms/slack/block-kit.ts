import { escapeControls } from '../../domain/control-chars.js';
import { type Action, actionHint, type Reply, type Section } from '../../render/reply.js';
import { firstTextLines } from '../../render/text.js';
import { escapeSlack, mrkdwn } from './mrkdwn.js';

/** Slack's documented limits for one message. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  context: 10,
  buttonText: 75,
  buttonValue: 2000,
};

/**
 * The action_id of every button we render, `trade_cmd_<n>` (unique in the message; the value is its command),
 * and of buttons posted before there was one kind (`trade_next_page`, `trade_action:…`), whose value is too.
 */
export const BUTTON_ACTION_ID = /^(trade_cmd_\d+|trade_next_page|trade_action:.*)$/;

/** The action_id of a button that opens its command's form (`trade_form_<n>`); the value is the command. */
export const FORM_ACTION_ID = /^trade_form_\d+$/;

/** A Block Kit block as sent on the wire. */
export type Block = { type: string } & Record<string, unknown>;
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Joins lines into as few section texts as fit in 3000 characters each; a single overlong line is clipped. */
function packLines(lines: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, SLACK_LIMITS.sectionText);
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      out.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

/** Numbers a message's buttons, so each action_id is unique as Slack requires. */
type Counter = { n: number };

/** Buttons as one actions block; a command too long for a button's value is left for the text hint. */
function actionsBlock(actions: readonly Action[], count: Counter): Block | undefined {
  const shown = actions.filter((a) => a.command.length <= SLACK_LIMITS.buttonValue).slice(0, 25);
  if (!shown.length) return undefined;
  return {
    type: 'actions',
    elements: shown.map((a) => ({
      type: 'button',
      action_id: `${a.form ? 'trade_form' : 'trade_cmd'}_${count.n++}`,
      text: { type: 'plain_text', text: clip(escapeControls(a.label), SLACK_LIMITS.buttonText) },
      value: a.command,
      ...(a.style ? { style: a.style } : {}),
    })),
  };
}

/** Hints naming the commands of buttons Slack could not carry (a value over 2000 characters). */
const leftOut = (actions: readonly Action[]) =>
  actions.filter((a) => a.command.length > SLACK_LIMITS.buttonValue).map(actionHint);

function sectionBlocks(s: Section, count: Counter): Block[] {
  const blocks: Block[] = [];
  const lines = (s.lines ?? []).map((l) => `• ${mrkdwn(l)}`);
  if (s.heading) lines.unshift(`*${escapeSlack(s.heading)}*`);
  for (const text of packLines(lines)) blocks.push(section(text));
  const fields = (s.fields ?? []).map((f) => ({
    type: 'mrkdwn',
    text: clip(`*${escapeSlack(f.label)}*\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
  }));
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fields)
    blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fields) });
  if (s.more) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… and ${s.more} more` }] });
  const buttons = actionsBlock(s.actions ?? [], count);
  if (buttons) blocks.push(buttons);
  return blocks;
}

/**
 * A reply as Block Kit, always within Slack's limits: long lists are packed into sections, and past
 * 50 blocks the rest is summarized as "and N more" instead of being refused by Slack.
 */
export function renderBlocks(reply: Reply): SlackMessage {
  const head: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(escapeControls(reply.title), SLACK_LIMITS.header) },
    },
  ];
  if (reply.intro) head.push(section(clip(mrkdwn(reply.intro, true), SLACK_LIMITS.sectionText)));
  const count: Counter = { n: 0 };
  const body = reply.sections.flatMap((s) => sectionBlocks(s, count));
  const foot: Block[] = [];
  const hints = [...reply.sections.flatMap((s) => leftOut(s.actions ?? [])), ...leftOut(reply.actions ?? [])];
  const context = [...(reply.context ?? []), ...hints].slice(0, SLACK_LIMITS.context).map((l) => ({
    type: 'mrkdwn',
    text: clip(mrkdwn(l), SLACK_LIMITS.sectionText),
  }));
  if (context.length) foot.push({ type: 'context', elements: context });
  const buttons = actionsBlock(reply.actions ?? [], count);
  if (buttons) foot.push(buttons);
  const room = SLACK_LIMITS.blocks - head.length - foot.length;
  let blocks = [...head, ...body, ...foot];
  if (body.length > room) {
    const kept = body.slice(0, room - 1);
    const dropped = body.length - kept.length;
    kept.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `… and ${dropped} more blocks: narrow the query to see them` }],
    });
    blocks = [...head, ...kept, ...foot];
  }
  // The notification and screen-reader text: plain, short: the first three lines of the text rendering.
  const text = clip(firstTextLines(reply, { zone: 'UTC' }, 3).join(' · '), 300);
  return { text: escapeSlack(text), blocks };
}
