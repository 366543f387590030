/**
 * renderBlocks builds each block once, straight into the message. The renderer as it was first written (lines
 * mapped, packed, fields sliced, blocks spread together) is kept here as the specification: for every reply below,
 * the real answers of the bench's commands and replies made to hit every limit and every escape, the JSON Slack
 * receives must be the same, byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/domain/control-chars.js';
import { renderBlocks, SLACK_LIMITS } from '../../src/platforms/slack/block-kit.js';
import { escapeSlack, mrkdwn } from '../../src/platforms/slack/mrkdwn.js';
import {
  type Action,
  actionHint,
  code,
  day,
  link,
  type Reply,
  type Section,
  strong,
  time,
} from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { reader, seededBot, type TestBot } from '../helpers/bot.js';

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

const HOSTILE = [
  'plain',
  'a\u0000b\u0007c\u001b[31mred\u001b[0m',
  'line\nbreak\r\nand\u2028sep\u2029para',
  '<@U123> <!channel> @channel @here @everyone <https://evil|click> a & b > c',
  '*bold* _it_ ~strike~ `code` ```block``` > quote',
  'bidi \u202eevil\u202c \u2066iso\u2069 \u200bzw\u200d\u200c \ufeffbom \u061c \u0085 \u009b',
  'emoji 🇪🇺🇺🇸 👩‍👩‍👧 ✖ ⚠ — «»',
  'x'.repeat(3100),
  `${'é'.repeat(1990)}<>&`,
];

const longCommand = `events ${'x'.repeat(2100)}`;
const actions = (n: number, salt: string): Action[] =>
  Array.from({ length: n }, (_, i) => ({
    label: `${HOSTILE[i % HOSTILE.length]?.slice(0, 90)} ${salt}${i}`,
    command: i % 7 === 3 ? longCommand : `event id:${salt}-${i}`,
    ...(i % 3 === 0 ? { style: 'primary' as const } : i % 5 === 1 ? { style: 'danger' as const } : {}),
    ...(i % 4 === 2 ? { form: true as const } : {}),
  }));

/** Replies made to reach each limit and each kind of span, with hostile text everywhere text goes. */
function madeUp(): Reply[] {
  const spans = (i: number) => [
    HOSTILE[i % HOSTILE.length] as string,
    ' ',
    strong(HOSTILE[(i + 1) % HOSTILE.length] as string),
    ' ',
    code(`id-${i}\`x`),
    ' ',
    link(`https://example.org/${i}|<x>`, HOSTILE[(i + 2) % HOSTILE.length] as string),
    ' ',
    day('2026-03-15', i % 2 ? '2026-03-17' : undefined),
    ' ',
    time(Date.parse('2026-11-10T05:01:00Z') + i * 3_600_000, i % 2 ? 'datetime' : 'date', 'Asia/Tokyo'),
  ];
  const sections = (n: number, lines: number, fields: number, buttons: number): Section[] =>
    Array.from({ length: n }, (_, i) => ({
      ...(i % 3 ? { heading: HOSTILE[i % HOSTILE.length] as string } : {}),
      ...(lines ? { lines: Array.from({ length: lines }, (_, j) => spans(i + j)) } : {}),
      ...(fields
        ? {
            fields: Array.from({ length: fields }, (_, k) => ({
              label: HOSTILE[k % 9] as string,
              value: spans(k),
            })),
          }
        : {}),
      ...(i % 4 === 1 ? { more: i * 3 } : {}),
      ...(buttons ? { actions: actions(buttons, `s${i}`) } : {}),
    }));
  return [
    { title: '', sections: [], visibility: 'ephemeral' },
    { title: HOSTILE[1] as string, intro: spans(3), sections: [], visibility: 'public', tone: 'error' },
    {
      title: 'T'.repeat(400),
      intro: ['x'.repeat(5000)],
      sections: sections(3, 40, 0, 0),
      visibility: 'public',
    },
    {
      title: 'Many',
      intro: [HOSTILE[2] as string, ...spans(1)],
      sections: sections(60, 12, 23, 4),
      context: Array.from({ length: 14 }, (_, i) => spans(i)),
      actions: actions(30, 'r'),
      visibility: 'public',
      tone: 'warning',
    },
    { title: 'Fields', sections: sections(5, 0, 10, 0), visibility: 'ephemeral' },
    { title: 'Fields+1', sections: sections(5, 0, 11, 0), visibility: 'ephemeral' },
    {
      title: 'Exactly full',
      sections: Array.from({ length: 48 }, () => ({ lines: [['one line']] })),
      context: [['small print']],
      visibility: 'public',
    },
    {
      title: 'One over',
      sections: Array.from({ length: 48 }, () => ({ lines: [['one line']] })),
      context: [['small print']],
      actions: actions(1, 'a'),
      visibility: 'public',
    },
    {
      title: 'Only long commands',
      sections: [{ heading: 'h', actions: [{ label: 'L', command: longCommand }] }],
      actions: [{ label: 'M', command: longCommand }],
      context: Array.from({ length: 9 }, () => ['c']),
      visibility: 'public',
    },
    {
      title: 'Empty section',
      sections: [{}, { heading: '' }, { lines: [] }, { fields: [] }],
      visibility: 'public',
    },
  ];
}

describe('Block Kit rendering, against the renderer as first written', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('the made-up replies: every limit, every span, hostile text', () => {
    for (const reply of madeUp())
      expect(JSON.stringify(renderBlocks(reply))).toBe(JSON.stringify(referenceBlocks(reply)));
  });

  it("the real answers to the bench's commands and others", async () => {
    const texts = [
      'brief',
      'deadlines',
      'deadlines days:90',
      'events',
      'events when:past days:60',
      'event id:paris-talks-2026',
      'event id:beijing-summit-2026',
      'tariffs',
      'tariffs country:US',
      'events page:2',
      'help',
      'nonsense <@U1> & more',
    ];
    for (const text of texts) {
      const reply = await t.bot.dispatch(text, reader, { platform: 'slack', id: 'C1' });
      expect(JSON.stringify(renderBlocks(reply))).toBe(JSON.stringify(referenceBlocks(reply)));
    }
  });
});
