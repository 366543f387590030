/**
 * Replies made to reach each limit of Slack's and Discord's messages and each kind of span, with hostile text
 * everywhere text goes: the inputs on which a renderer is held to its specification (tests/render/*-reference).
 */
import {
  type Action,
  code,
  day,
  link,
  type Reply,
  type Section,
  strong,
  time,
} from '../../src/render/reply.js';

export const HOSTILE = [
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

export const longCommand = `events ${'x'.repeat(2100)}`;
const actions = (n: number, salt: string): Action[] =>
  Array.from({ length: n }, (_, i) => ({
    label: `${HOSTILE[i % HOSTILE.length]?.slice(0, 90)} ${salt}${i}`,
    command: i % 7 === 3 ? longCommand : `event id:${salt}-${i}`,
    ...(i % 3 === 0 ? { style: 'primary' as const } : i % 5 === 1 ? { style: 'danger' as const } : {}),
    ...(i % 4 === 2 ? { form: true as const } : {}),
  }));

/** Replies made to reach each limit and each kind of span, with hostile text everywhere text goes. */
export function madeUp(): Reply[] {
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

/** Commands whose real answers (on the seeded store) a renderer is held to as well: the bench's and a few others. */
export const REAL_ANSWERS = [
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
] as const;
