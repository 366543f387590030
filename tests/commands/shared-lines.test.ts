import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMarkdown } from '../../src/platforms/discord/markdown.js';
import { blockKitJson } from '../../src/platforms/slack/block-kit.js';
import { mrkdwn } from '../../src/platforms/slack/mrkdwn.js';
import { renderedOnce } from '../../src/render/frozen-lines.js';
import type { Rich, Span } from '../../src/render/reply.js';
import { editor, seededBot, type TestBot } from '../helpers/bot.js';

/**
 * A measure's line and an item's date, title and id are built once per stored item and shared by every answer
 * that lists it: an edit shows at once, in every list, and the pending note follows the clock.
 */
describe('lines built once per item', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  const ADD =
    'add-measure title:"IEEPA tariff on kites" authority:ieepa rate:25% imposing:US targets:CN from:2026-03-20 coverage:some-goods scope:"Kites" source:https://www.federalregister.gov/d/2026-00002 confidence:confirmed status:announced';

  it('a measure line shows an edit at once, and its pending note only once the date has passed', async () => {
    expect(await t.say(ADD)).toContain('Added IEEPA tariff on kites');
    t.clock.set(Date.parse('2026-03-21T12:00:00Z'));
    const line = (s: string) => s.split('\n').find((l) => l.includes('tariff on kites')) ?? '';
    const first = line(await t.say('tariffs CN'));
    expect(first).toBe(
      '  • 25% — IEEPA tariff on kites · since Fri 20 Mar 2026 · ⚠ date passed, outcome not recorded · source <https://www.federalregister.gov/d/2026-00002> · `ieepa-tariff-on-kites`',
    );
    expect(await t.say('edit ieepa-tariff-on-kites rate:30% status:in-force')).toContain('Changed');
    expect(line(await t.say('tariffs CN'))).toBe(
      '  • 30% — IEEPA tariff on kites · since Fri 20 Mar 2026 · source <https://www.federalregister.gov/d/2026-00002> · `ieepa-tariff-on-kites`',
    );
    // The same measure asked for again, unchanged, reads the same.
    expect(line(await t.say('tariffs CN'))).toBe(line(await t.say('tariffs china')));
  });

  it('an event line shows a new title at once, in every list that shows it', async () => {
    t.clock.set(Date.parse('2026-03-12T09:00:00Z'));
    const before = await t.say('events');
    expect(before).toContain('paris-talks-2026');
    const old = before.split('\n').find((l) => l.includes('`paris-talks-2026`')) ?? '';
    const title = /— (.*?) ·/.exec(old)?.[1] ?? '';
    expect(title.length).toBeGreaterThan(0);
    expect(await t.say('edit paris-talks-2026 title:"Paris talks, renamed"')).toContain('Changed: title');
    for (const command of ['events', 'brief', 'events paris']) {
      const out = await t.say(command);
      const line = out.split('\n').find((l) => l.includes('`paris-talks-2026`')) ?? '';
      expect(line, command).toContain('Paris talks, renamed');
      expect(line, command).not.toContain(title);
    }
  });

  it("an item's line follows the clock in every platform's markup, however often the same line is shared", async () => {
    expect(
      await t.say(
        'add title:"Kite talks" kind:meeting start:"2026-04-01 15:00 UTC" source:https://example.gov/kites',
      ),
    ).toContain('Added');
    const HOUR = 3_600_000;
    const start = Date.parse('2026-04-01T15:00:00Z');
    // Countdowns worked out by hand: under two days away a timed item counts hours and minutes.
    // Seven texts, more than the four lines kept per item, then the first ones again; after the start, the line
    // also carries the note that the date passed with no outcome recorded (before the item's confidence, reported,
    // which an item added by hand starts with).
    const PENDING = ' · ⚠ date passed, outcome not recorded, reported';
    const cases: [number, string][] = [
      [start - 5 * HOUR, 'in 5 hours'],
      [start - 5 * HOUR + 60_000, 'in 4 hours 59 minutes'],
      [start - 26 * HOUR, 'in 1 day 2 hours'],
      [start - 5 * HOUR, 'in 5 hours'],
      [start - 30 * 60_000, 'in 30 minutes'],
      [start - 3 * HOUR, 'in 3 hours'],
      [start - 50 * HOUR, 'in 2 days'],
      [start - 5 * HOUR + 60_000, 'in 4 hours 59 minutes'],
      [start + 2 * HOUR, `2 hours ago${PENDING}`],
      [start - 5 * HOUR, 'in 5 hours'],
    ];
    for (const [at, countdown] of cases) {
      t.clock.set(at);
      const when = at > start ? 'events when:past days:1' : 'events';
      const reply = await t.bot.dispatch(when, editor, { platform: 'slack', id: 'C1' });
      const lines = reply.sections.flatMap((s) => s.lines ?? []);
      const line = lines.find((l) => discordMarkdown(l).includes('Kite talks')) as Rich;
      expect(line, new Date(at).toISOString()).toBeDefined();
      for (let i = 0; i < 2; i++) {
        expect(mrkdwn(line), new Date(at).toISOString()).toContain(`*Kite talks* · ${countdown} · `);
        expect(discordMarkdown(line), new Date(at).toISOString()).toContain(
          `**Kite talks** · ${countdown} · `,
        );
      }
    }
  });
});

describe("the brief's shared lines", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('a key countdown follows the clock in Slack, Discord and the terminal, and its time coming shows once past', async () => {
    expect(
      await t.say(
        'add title:"Kite filing deadline" kind:deadline start:"2026-03-13 15:00 UTC" source:https://example.gov/kites',
      ),
    ).toContain('Added');
    const HOUR = 3_600_000;
    const start = Date.parse('2026-03-13T15:00:00Z');
    // Countdowns worked out by hand; six texts, more than the four kept per item, then the first again.
    const cases: [number, string][] = [
      [start - 30 * HOUR, 'in 1 day 6 hours'],
      [start - 5 * HOUR, 'in 5 hours'],
      [start - 5 * HOUR + 60_000, 'in 4 hours 59 minutes'],
      [start - 3 * HOUR, 'in 3 hours'],
      [start - 90 * 60_000, 'in 1 hour 30 minutes'],
      [start - 20 * 60_000, 'in 20 minutes'],
      [start - 30 * HOUR, 'in 1 day 6 hours'],
    ];
    for (const [at, countdown] of cases) {
      t.clock.set(at);
      for (let i = 0; i < 2; i++) {
        const reply = await t.bot.dispatch('brief', editor, { platform: 'slack', id: `C${i}` });
        const key = reply.sections.find((s) => s.heading === 'Key countdowns');
        const line = key?.lines?.find((l) => mrkdwn(l).includes('Kite filing deadline')) as Rich;
        expect(line, new Date(at).toISOString()).toBeDefined();
        expect(mrkdwn(line)).toMatch(new RegExp(`^\\*${countdown}\\* — Kite filing deadline \\(<!date\\^`));
        expect(discordMarkdown(line)).toMatch(
          new RegExp(`^\\*\\*${countdown}\\*\\* — Kite filing deadline \\(<t:`),
        );
        expect(blockKitJson(reply)).toContain(`*${countdown}* — Kite filing deadline (`);
      }
      expect(await t.say('brief')).toContain(`${countdown} — Kite filing deadline (`);
    }
    // A day after: no longer counted down, and among what changed, flagged as passed with no outcome recorded.
    t.clock.set(start + 2 * HOUR);
    const brief = await t.say('brief');
    expect(brief).not.toContain('— Kite filing deadline (');
    expect(brief).toMatch(/⚠ date passed, outcome not recorded: \*?Kite filing deadline\*? \(/);
  });
});

describe('renderedOnce', () => {
  const render = (line: Rich) => line.map((s) => (typeof s === 'string' ? s : `[${s.kind}]`)).join('');

  it('renders a line that can still change each time, and a frozen one once', () => {
    let calls = 0;
    const counted = renderedOnce((line) => {
      calls++;
      return render(line);
    });
    const open: Span[] = ['a', 'b'];
    expect(counted(open)).toBe('ab');
    open.push('c');
    expect(counted(open)).toBe('abc');
    expect(calls).toBe(2);
    const frozen = Object.freeze(['x', Object.freeze({ kind: 'code', text: 'y' }) as Span]);
    expect(counted(frozen)).toBe('x[code]');
    expect(counted(frozen)).toBe('x[code]');
    expect(calls).toBe(3);
  });

  it('renders each time a frozen line whose spans can still change', () => {
    let calls = 0;
    const counted = renderedOnce((line) => {
      calls++;
      return line.map((s) => (typeof s === 'string' ? s : 'text' in s ? s.text : '')).join('');
    });
    const inner = { kind: 'code' as const, text: 'one' };
    const line = Object.freeze(['> ', inner]);
    expect(counted(line)).toBe('> one');
    inner.text = 'two';
    expect(counted(line)).toBe('> two');
    expect(calls).toBe(2);
  });
});
