import { escapeControls } from '../../domain/control-chars.js';
import { renderedOnce } from '../../render/frozen-lines.js';
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

/*
 * The message is written as the JSON Slack receives, not built as objects and serialized after: an answer that
 * is not reused (every request on a new channel) is rendered once, and the lines answers share (an item's line at
 * a given countdown, a measure's line: frozen, see src/render/frozen-lines.ts) are escaped for JSON once, not per
 * answer. Each string goes through JSON.stringify, so the output is what JSON.stringify of the message would be,
 * byte for byte (tests/render/slack-blocks-reference.test.ts holds it to that).
 */

/**
 * A character JSON.stringify escapes (a quote, a backslash, a control character) or may (a surrogate: a lone one
 * is escaped, a pair is not). Text without any is its own JSON, between quotes: most of ours is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding what JSON escapes is the point.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as a JSON string literal, exactly as JSON.stringify writes it. */
const str = (s: string): string => (ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

/** A piece of a section's text: its length as Slack counts it, and its JSON string literal without the quotes. */
interface Piece {
  readonly length: number;
  readonly json: string;
}

function piece(text: string): Piece {
  if (!ESCAPED.test(text)) return { length: text.length, json: text };
  const json = JSON.stringify(text);
  return { length: text.length, json: json.slice(1, json.length - 1) };
}

/** A list line as a section shows it (a bullet, clipped to a section's length), escaped once per frozen line. */
const bulletLine = renderedOnce((l: Rich) => piece(clip(`• ${mrkdwn(l)}`, SLACK_LIMITS.sectionText)));
/** A line of small print as a context element, once per frozen line (a reply's sources). */
const contextElement = renderedOnce(
  (l: Rich) => `{"type":"mrkdwn","text":${str(clip(mrkdwn(l), SLACK_LIMITS.sectionText))}}`,
);

const section = (literal: string) => `{"type":"section","text":{"type":"mrkdwn","text":${literal}}}`;
const contextBlock = (text: string) =>
  `{"type":"context","elements":[{"type":"mrkdwn","text":${str(text)}}]}`;

/** Numbers a message's buttons, so each action_id is unique as Slack requires. */
type Counter = { n: number };

/** Whether Slack can carry a button's command as its value (at most 2000 characters); if not, the text hints at it. */
const fitsButton = (a: Action) => a.command.length <= SLACK_LIMITS.buttonValue;

/** Buttons as one actions block (at most 25); a command too long for a button's value is left for the text hint. */
function actionsBlock(actions: readonly Action[] | undefined, count: Counter): string | undefined {
  if (!actions?.length) return undefined;
  let elements = '';
  let shown = 0;
  for (const a of actions) {
    if (!fitsButton(a)) continue;
    const text = str(clip(escapeControls(a.label), SLACK_LIMITS.buttonText));
    const actionId = `${a.form ? 'trade_form' : 'trade_cmd'}_${count.n++}`;
    const style = a.style ? `,"style":${str(a.style)}` : '';
    elements += `${shown ? ',' : ''}{"type":"button","action_id":"${actionId}","text":{"type":"plain_text","text":${text}},"value":${str(a.command)}${style}}`;
    if (++shown === 25) break;
  }
  return shown ? `{"type":"actions","elements":[${elements}]}` : undefined;
}

/** Hints naming the commands of buttons Slack could not carry (a value over 2000 characters), added to `out`. */
function addLeftOut(actions: readonly Action[] | undefined, out: Rich[]): void {
  if (actions) for (const a of actions) if (!fitsButton(a)) out.push(actionHint(a));
}

/** A section block of up to ten fields. */
const fieldsBlock = (fields: string) => `{"type":"section","fields":[${fields}]}`;

/**
 * A section's blocks, pushed to `out`: its heading and lines joined into as few section texts as fit in 3000
 * characters each (a single overlong line clipped), its fields ten to a block, "and N more", its buttons.
 */
function addSection(s: Section, count: Counter, out: string[]): void {
  const max = SLACK_LIMITS.sectionText;
  // The section text being packed: its length, and its JSON without quotes (lines joined by an escaped \n).
  let length = 0;
  let json = '';
  if (s.heading) ({ length, json } = piece(clip(`*${escapeSlack(s.heading)}*`, max)));
  if (s.lines)
    for (const l of s.lines) {
      const line = bulletLine(l);
      if (length && length + 1 + line.length > max) {
        out.push(section(`"${json}"`));
        ({ length, json } = line);
      } else if (length) {
        length += 1 + line.length;
        json = `${json}\\n${line.json}`;
      } else ({ length, json } = line);
    }
  if (length) out.push(section(`"${json}"`));
  if (s.fields?.length) {
    let fields = '';
    let n = 0;
    for (const f of s.fields) {
      if (n === SLACK_LIMITS.fields) {
        out.push(fieldsBlock(fields));
        fields = '';
        n = 0;
      }
      const text = str(clip(`*${escapeSlack(f.label)}*\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText));
      fields += `${n++ ? ',' : ''}{"type":"mrkdwn","text":${text}}`;
    }
    out.push(fieldsBlock(fields));
  }
  if (s.more) out.push(contextBlock(`… and ${s.more} more`));
  const buttons = actionsBlock(s.actions, count);
  if (buttons) out.push(buttons);
}

/** The options of the notification text: the text rendering in UTC (Slack shows no zone there). */
const NOTIFICATION_TEXT = { zone: 'UTC' } as const;

/**
 * A reply as the JSON of a Block Kit message, `{"text":…,"blocks":[…]}`, always within Slack's limits: long lists
 * are packed into sections, and past 50 blocks the rest is summarized as "and N more" instead of being refused by
 * Slack. With `responseType`, a slash command's response body: `{"response_type":…,"text":…,"blocks":[…]}`.
 */
export function blockKitJson(reply: Reply, responseType?: 'in_channel' | 'ephemeral'): string {
  const blocks = [
    `{"type":"header","text":{"type":"plain_text","text":${str(clip(escapeControls(reply.title), SLACK_LIMITS.header))}}}`,
  ];
  if (reply.intro) blocks.push(section(str(clip(mrkdwn(reply.intro, true), SLACK_LIMITS.sectionText))));
  const headLength = blocks.length;
  const count: Counter = { n: 0 };
  for (const s of reply.sections) addSection(s, count, blocks);
  // The small print: the reply's context, then hints for buttons Slack could not carry; at most 10 lines.
  let elements = '';
  let contextLines = 0;
  const addContext = (lines: readonly Rich[]) => {
    for (const l of lines) {
      if (contextLines === SLACK_LIMITS.context) return;
      elements += `${contextLines++ ? ',' : ''}${contextElement(l)}`;
    }
  };
  if (reply.context) addContext(reply.context);
  const hints: Rich[] = [];
  for (const s of reply.sections) addLeftOut(s.actions, hints);
  addLeftOut(reply.actions, hints);
  if (hints.length) addContext(hints);
  const buttons = actionsBlock(reply.actions, count);
  const footLength = (contextLines ? 1 : 0) + (buttons ? 1 : 0);
  const room = SLACK_LIMITS.blocks - headLength - footLength;
  const bodyLength = blocks.length - headLength;
  if (bodyLength > room) {
    blocks.length = headLength + room - 1;
    blocks.push(contextBlock(`… and ${bodyLength - (room - 1)} more blocks: narrow the query to see them`));
  }
  if (contextLines) blocks.push(`{"type":"context","elements":[${elements}]}`);
  if (buttons) blocks.push(buttons);
  // The notification and screen-reader text: plain, short: the first three lines of the text rendering.
  const text = str(escapeSlack(clip(firstTextLines(reply, NOTIFICATION_TEXT, 3).join(' · '), 300)));
  const head = responseType ? `{"response_type":"${responseType}",` : '{';
  return `${head}"text":${text},"blocks":[${blocks.join(',')}]}`;
}

/** A reply as Block Kit objects (a scheduled post, a button's answer): the message blockKitJson writes. */
export const renderBlocks = (reply: Reply): SlackMessage => JSON.parse(blockKitJson(reply)) as SlackMessage;
