/**
 * blockKitJson writes the message's JSON straight, each line escaped once. The renderer as it was first written
 * (objects: lines mapped, packed, fields sliced, blocks spread together) is kept here as the specification: for
 * every reply below, the real answers of the bench's commands and replies made to hit every limit and every escape,
 * the JSON Slack receives must be the reference's JSON.stringify, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/domain/control-chars.js';
import { blockKitJson, renderBlocks, SLACK_LIMITS } from '../../src/platforms/slack/block-kit.js';
import { escapeSlack, mrkdwn } from '../../src/platforms/slack/mrkdwn.js';
import { type Action, actionHint, type Reply, type Section } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { reader, seededBot, type TestBot } from '../helpers/bot.js';
import { madeUp, REAL_ANSWERS } from '../helpers/made-up-replies.js';

type Block = { type: string } & Record<string, unknown>;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

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

function actionsBlock(actions: readonly Action[], count: { n: number }): Block | undefined {
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

const leftOut = (actions: readonly Action[]) =>
  actions.filter((a) => a.command.length > SLACK_LIMITS.buttonValue).map(actionHint);

function sectionBlocks(s: Section, count: { n: number }): Block[] {
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

/** The specification: what renderBlocks answered before it was made to allocate less. */
function referenceBlocks(reply: Reply): { text: string; blocks: Block[] } {
  const head: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(escapeControls(reply.title), SLACK_LIMITS.header) },
    },
  ];
  if (reply.intro) head.push(section(clip(mrkdwn(reply.intro, true), SLACK_LIMITS.sectionText)));
  const count = { n: 0 };
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
  // The notification text as the text rendering's first three non-blank lines (renderText, split and filtered).
  const lines = renderText(reply, { zone: 'UTC' }).split('\n').filter(Boolean).slice(0, 3).join(' · ');
  return { text: escapeSlack(clip(lines, 300)), blocks };
}

/** The JSON Slack receives, as blockKitJson writes it, must be the reference's JSON.stringify, byte for byte. */
function expectSameJson(reply: Reply): void {
  const reference = referenceBlocks(reply);
  expect(blockKitJson(reply)).toBe(JSON.stringify(reference));
  expect(blockKitJson(reply, 'ephemeral')).toBe(JSON.stringify({ response_type: 'ephemeral', ...reference }));
  expect(renderBlocks(reply)).toEqual(reference);
}

/** Lone surrogates, and a pair that the 3000-character clip cuts in half: JSON.stringify escapes the halves. */
const SURROGATES: Reply = {
  title: 'half \ud83d pairs \ude00',
  intro: ['\udc00 intro \ud800'],
  sections: [
    {
      heading: 'h \ud83d',
      lines: [['a \ud83d'], ['\ude00 b'], [`${'x'.repeat(2996)}😀😀`], [`${'y'.repeat(2997)}😀😀`]],
      fields: [{ label: '\ud83d', value: ['\ude00'] }],
      actions: [{ label: 'press \ud83d', command: 'event id:\ude00' }],
    },
  ],
  context: [['source \udfff']],
  visibility: 'ephemeral',
};

describe('Block Kit rendering, against the renderer as first written', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('the made-up replies: every limit, every span, hostile text', () => {
    for (const reply of madeUp()) expectSameJson(reply);
  });

  it('lone surrogates and pairs cut by a clip', () => {
    expectSameJson(SURROGATES);
    // The clipped line keeps the first half of the pair, escaped, before the ellipsis.
    expect(blockKitJson(SURROGATES)).toContain(`${'x'.repeat(2996)}\\ud83d…`);
  });

  it("the real answers to the bench's commands and others", async () => {
    for (const text of REAL_ANSWERS) {
      const reply = await t.bot.dispatch(text, reader, { platform: 'slack', id: 'C1' });
      expectSameJson(reply);
    }
  });
});
