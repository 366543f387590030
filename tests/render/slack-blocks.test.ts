import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/platforms/slack/block-kit.js';
import { code, link, type Reply, strong, time } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { blockKitProblems } from '../emulators/slack-block-kit.js';

const huge: Reply = {
  title: 'T'.repeat(400),
  intro: ['x'.repeat(5000)],
  sections: Array.from({ length: 60 }, (_, i) => ({
    heading: `Section ${i}`,
    lines: Array.from({ length: 40 }, (_, j) => [strong(`item ${j}`), ' ', 'y'.repeat(200), ' ', code('id')]),
    fields: Array.from({ length: 23 }, (_, k) => ({ label: `F${k}`, value: ['z'.repeat(3000)] })),
  })),
  context: Array.from({ length: 14 }, () => [link('https://example.org/a|b>c', 'a <label>')]),
  visibility: 'public',
};

describe('Block Kit rendering', () => {
  it('a reply far too large for one message is shortened, never refused by Slack', () => {
    const message = renderBlocks(huge);
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks.at(-2))).toMatch(/and \d+ more blocks/);
  });

  it('instants are Slack date tokens that each reader sees in their own zone', () => {
    const message = renderBlocks({
      title: 't',
      intro: [time(Date.parse('2026-11-10T05:01:00Z'), 'datetime', 'America/New_York')],
      sections: [],
      visibility: 'public',
    });
    expect(JSON.stringify(message.blocks)).toContain(
      '<!date^1794286860^{date_short_pretty} {time}|Tue 10 Nov 2026, 00:01 EST>',
    );
  });

  it('links cannot be broken out of by the URL or the label', () => {
    const text = JSON.stringify(renderBlocks(huge).blocks.at(-1));
    expect(text).toContain('<https://example.org/a%7Cb%3Ec|a &lt;label&gt;>');
  });
});

describe('the notification text', () => {
  // What Slack shows in a notification: the first three non-blank lines of the text rendering, joined.
  const expected = (reply: Reply) => {
    const text = renderText(reply, { zone: 'UTC' }).split('\n').filter(Boolean).slice(0, 3).join(' · ');
    return text.length <= 300 ? text : `${text.slice(0, 299)}…`;
  };

  it('is the first three lines of the reply, however the reply is laid out', () => {
    const replies: Reply[] = [
      huge,
      {
        title: 'Brief',
        intro: ['As of ', time(0, 'datetime')],
        sections: huge.sections,
        visibility: 'public',
      },
      {
        title: 'Empty first',
        sections: [{}, {}, {}, { lines: [['a'], ['b'], ['c'], ['d']] }],
        visibility: 'public',
      },
      {
        title: 'Fields',
        sections: [{ fields: [{ label: 'x', value: [] }] }, { more: 3 }],
        visibility: 'public',
      },
      { title: 'Two-line intro', intro: ['one\ntwo'], sections: [{ heading: 'h' }], visibility: 'public' },
      { title: '', sections: [], context: [['c1'], ['c2'], ['c3'], ['c4']], visibility: 'public' },
      {
        title: '',
        intro: [],
        sections: [{ heading: 'a', more: 2 }, { fields: [{ label: 'f', value: ['v'] }] }, { heading: 'b' }],
        context: [['after']],
        visibility: 'public',
      },
      { title: 't', sections: [{ more: 1 }, {}], context: [[''], ['c']], visibility: 'public' },
    ];
    for (const reply of replies) expect(renderBlocks(reply).text).toBe(expected(reply));
  });
});
