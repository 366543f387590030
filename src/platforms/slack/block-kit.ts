import { escapeControls } from '../../domain/control-chars.js';
import { type Action, actionHint, type Reply, type Rich, type Section } from '../../render/reply.js';
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
const contextBlock = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/*
 * Rendering runs once per answer that is not reused (every request on a new channel), so it builds each block once
 * and pushes it straight into the message: no intermediate arrays of lines, fields or blocks to copy and collect.
 */

/** Numbers a message's buttons, so each action_id is unique as Slack requires. */
type Counter = { n: number };

/** Whether Slack can carry a button's command as its value (at most 2000 characters); if not, the text hints at it. */
const fitsButton = (a: Action) => a.command.length <= SLACK_LIMITS.buttonValue;

/** Buttons as one actions block (at most 25); a command too long for a button's value is left for the text hint. */
function actionsBlock(actions: readonly Action[] | undefined, count: Counter): Block | undefined {
  if (!actions?.length) return undefined;
  const elements: Record<string, unknown>[] = [];
  for (const a of actions) {
    if (!fitsButton(a)) continue;
    const text = { type: 'plain_text', text: clip(escapeControls(a.label), SLACK_LIMITS.buttonText) };
    const action_id = `${a.form ? 'trade_form' : 'trade_cmd'}_${count.n++}`;
    elements.push(
      a.style
        ? { type: 'button', action_id, text, value: a.command, style: a.style }
        : { type: 'button', action_id, text, value: a.command },
    );
    if (elements.length === 25) break;
  }
  return elements.length ? { type: 'actions', elements } : undefined;
}

/** Hints naming the commands of buttons Slack could not carry (a value over 2000 characters), added to `out`. */
function addLeftOut(actions: readonly Action[] | undefined, out: Rich[]): void {
  if (actions) for (const a of actions) if (!fitsButton(a)) out.push(actionHint(a));
}

/**
 * A section's blocks, pushed to `out`: its heading and lines joined into as few section texts as fit in 3000
 * characters each (a single overlong line clipped), its fields ten to a block, "and N more", its buttons.
 */
function addSection(s: Section, count: Counter, out: Block[]): void {
  const max = SLACK_LIMITS.sectionText;
  let current = s.heading ? clip(`*${escapeSlack(s.heading)}*`, max) : '';
  if (s.lines)
    for (const l of s.lines) {
      const line = clip(`• ${mrkdwn(l)}`, max);
      if (current && current.length + 1 + line.length > max) {
        out.push(section(current));
        current = line;
      } else current = current ? `${current}\n${line}` : line;
    }
  if (current) out.push(section(current));
  if (s.fields?.length) {
    let fields: Record<string, unknown>[] = [];
    for (const f of s.fields) {
      if (fields.length === SLACK_LIMITS.fields) {
        out.push({ type: 'section', fields });
        fields = [];
      }
      fields.push({
        type: 'mrkdwn',
        text: clip(`*${escapeSlack(f.label)}*\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
      });
    }
    out.push({ type: 'section', fields });
  }
  if (s.more) out.push(contextBlock(`… and ${s.more} more`));
  const buttons = actionsBlock(s.actions, count);
  if (buttons) out.push(buttons);
}

/** The options of the notification text: the text rendering in UTC (Slack shows no zone there). */
const NOTIFICATION_TEXT = { zone: 'UTC' } as const;

/**
 * A reply as Block Kit, always within Slack's limits: long lists are packed into sections, and past
 * 50 blocks the rest is summarized as "and N more" instead of being refused by Slack.
 */
export function renderBlocks(reply: Reply): SlackMessage {
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(escapeControls(reply.title), SLACK_LIMITS.header) },
    },
  ];
  if (reply.intro) blocks.push(section(clip(mrkdwn(reply.intro, true), SLACK_LIMITS.sectionText)));
  const headLength = blocks.length;
  const count: Counter = { n: 0 };
  for (const s of reply.sections) addSection(s, count, blocks);
  // The small print: the reply's context, then hints for buttons Slack could not carry; at most 10 lines.
  const elements: Record<string, unknown>[] = [];
  const addContext = (lines: readonly Rich[]) => {
    for (const l of lines) {
      if (elements.length === SLACK_LIMITS.context) return;
      elements.push({ type: 'mrkdwn', text: clip(mrkdwn(l), SLACK_LIMITS.sectionText) });
    }
  };
  if (reply.context) addContext(reply.context);
  const hints: Rich[] = [];
  for (const s of reply.sections) addLeftOut(s.actions, hints);
  addLeftOut(reply.actions, hints);
  if (hints.length) addContext(hints);
  const buttons = actionsBlock(reply.actions, count);
  const footLength = (elements.length ? 1 : 0) + (buttons ? 1 : 0);
  const room = SLACK_LIMITS.blocks - headLength - footLength;
  const bodyLength = blocks.length - headLength;
  if (bodyLength > room) {
    blocks.length = headLength + room - 1;
    blocks.push(contextBlock(`… and ${bodyLength - (room - 1)} more blocks: narrow the query to see them`));
  }
  if (elements.length) blocks.push({ type: 'context', elements });
  if (buttons) blocks.push(buttons);
  // The notification and screen-reader text: plain, short: the first three lines of the text rendering.
  const text = clip(firstTextLines(reply, NOTIFICATION_TEXT, 3).join(' · '), 300);
  return { text: escapeSlack(text), blocks };
}
