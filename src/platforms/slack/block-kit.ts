import { escapeControls } from '../../domain/control-chars.js';
import type { Reply, ReplyAction, ReplyButton, Section } from '../../render/reply.js';
import { renderText } from '../../render/text.js';
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

/** The action id of the "More" button under a paged list; its value is the command that shows the next page. */
export const NEXT_PAGE_ACTION = 'trade_next_page';

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

function sectionBlocks(s: Section): Block[] {
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
  if (s.actions?.length) blocks.push(buttonsBlock(s.actions));
  return blocks;
}

/** Prefix of the action_id of a reply's buttons; the button's value is the command it runs. */
export const REPLY_ACTION_PREFIX = 'trade_action:';

/** A reply's actions as one actions block of buttons (Slack allows 25; a reply has a few). */
function actionsBlock(actions: readonly ReplyAction[]): Block {
  return {
    type: 'actions',
    block_id: 'trade_actions',
    elements: actions.slice(0, 25).map((a) => ({
      type: 'button',
      action_id: `${REPLY_ACTION_PREFIX}${a.id}`.slice(0, 255),
      text: { type: 'plain_text', text: clip(escapeControls(a.label), 75) },
      value: a.value.slice(0, 2000),
      ...(a.style ? { style: a.style } : {}),
    })),
  };
}

/** The action_id prefix of our buttons: `trade_<action>_<n>`, unique within the block as Slack requires. */
export const BUTTON_PREFIX = 'trade_';

/** Buttons as an actions block (at most 25, text clipped to 75, values as given: they are short). */
function buttonsBlock(buttons: readonly ReplyButton[]): Block {
  return {
    type: 'actions',
    elements: buttons.slice(0, 25).map((b, i) => ({
      type: 'button',
      action_id: `${BUTTON_PREFIX}${b.action}_${i}`,
      text: { type: 'plain_text', text: clip(b.label, 75) },
      value: b.value,
    })),
  };
}

/**
 * The reply cut to what can reach the first three non-blank lines of its text rendering, so a long reply
 * is not rendered twice: a heading, a list line, a field and an "and N more" are each at least one
 * non-blank line, so nothing after the third of them can show (the title, intro and small print may be blank).
 */
function firstLinesOnly(reply: Reply): Reply {
  let room = 3;
  const sections: Section[] = [];
  for (const s of reply.sections) {
    if (room <= 0) break;
    room -= s.heading ? 1 : 0;
    const lines = s.lines?.slice(0, Math.max(0, room));
    room -= lines?.length ?? 0;
    const fields = s.fields?.slice(0, Math.max(0, room));
    room -= (fields?.length ?? 0) + (s.more ? 1 : 0);
    sections.push({ ...s, lines, fields });
  }
  return { ...reply, sections, context: room > 0 ? reply.context : undefined };
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
  const body = reply.sections.flatMap(sectionBlocks);
  const foot: Block[] = [];
  const context = (reply.context ?? []).slice(0, SLACK_LIMITS.context).map((l) => ({
    type: 'mrkdwn',
    text: clip(mrkdwn(l), SLACK_LIMITS.sectionText),
  }));
  if (context.length) foot.push({ type: 'context', elements: context });
  if (reply.next && reply.next.command.length <= SLACK_LIMITS.buttonValue)
    foot.push({
      type: 'actions',
      block_id: 'trade_next',
      elements: [
        {
          type: 'button',
          action_id: NEXT_PAGE_ACTION,
          text: { type: 'plain_text', text: clip(reply.next.label, SLACK_LIMITS.buttonText) },
          value: reply.next.command,
        },
      ],
    });
  if (reply.actions?.length) foot.push(actionsBlock(reply.actions));
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
  const text = clip(
    renderText(firstLinesOnly(reply), { zone: 'UTC' }).split('\n').filter(Boolean).slice(0, 3).join(' · '),
    300,
  );
  return { text: escapeSlack(text), blocks };
}
