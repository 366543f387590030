import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../src/bot.js';
import { digestReply } from '../../src/commands/brief-reply.js';
import type { Logger } from '../../src/log/logger.js';
import { CONSOLE_CHANNEL } from '../../src/platforms/console.js';
import type { Reply } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { editor, seededBot } from '../helpers/bot.js';

/**
 * Items that got into the store without passing validation (a hand edit loaded by an older version, a bug
 * in a writer): their dates cannot be placed on the timeline. Written with `store.update`, which does not
 * validate, so they reach the running bot exactly as such an item would.
 */
const farEvent = {
  id: 'far-future',
  title: 'Far future',
  kind: 'deadline',
  start: { date: '9999-12-31' },
  status: 'scheduled',
  countries: ['US', 'CN'],
  participants: [],
  tags: [],
  sources: [{ title: 'x', url: 'https://example.org/x' }],
  confidence: 'reported',
};
const garbledEvent = {
  ...farEvent,
  id: 'garbled-time',
  title: 'Garbled time',
  start: { at: 'next tuesday', timeZone: 'UTC' },
};
const farMeasure = {
  id: 'far-measure',
  title: 'Endless duty',
  imposing: 'US',
  targets: ['CN'],
  authority: 'other',
  rate: { percent: 99 },
  coverage: 'all-goods',
  scope: 'everything',
  from: { date: '2025-01-01' },
  until: { date: '9999-12-31' },
  status: 'in-force',
  sources: [{ title: 'x', url: 'https://example.org/x' }],
  confidence: 'reported',
};

function recordingLog(lines: string[]): Logger {
  const at = (level: string) => (msg: string) => {
    lines.push(`[${level}] ${msg}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('an item whose dates cannot be placed never breaks the rest', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  let bot: Bot;
  const logged: string[] = [];
  const text = (r: Reply) => renderText(r, { zone: 'UTC' });
  const ask = async (line: string) => {
    const reply = await bot.dispatch(line, editor, CONSOLE_CHANNEL);
    expect(reply.tone, `${line}: ${text(reply)}`).not.toBe('error');
    return text(reply);
  };

  beforeEach(async () => {
    t = await seededBot('2026-03-12T07:50:00Z');
    logged.length = 0;
    bot = createBot(t.bot.config, t.store, t.clock, recordingLog(logged));
    await t.store.update((d) => {
      d.events.push(farEvent as never, garbledEvent as never);
      d.measures.push(farMeasure as never);
    });
  });
  afterEach(() => t.close());

  it('every command still answers for the other items', async () => {
    expect(await ask('brief')).toContain('paris-talks-2026');
    expect(await ask('events days:30')).toContain('Paris talks at OECD headquarters');
    expect(await ask('deadlines days:60')).toContain('section-232-steel-aluminum-50-ends');
    expect(await ask('countdown paris-talks-2026')).toContain('Paris talks at OECD headquarters');
    const tariffs = await ask('tariffs CN');
    expect(tariffs).toContain('Section 122');
    expect(tariffs).not.toContain('Endless duty');
    const digest = digestReply(bot.context(editor, CONSOLE_CHANNEL), t.clock.now() - 86_400_000);
    expect(digest.tone).not.toBe('error');
    expect(text(digest)).toContain('paris-talks-2026');
  });

  it('editors see what was left off, and why, in `schedule`; readers do not', async () => {
    const shown = await ask('schedule');
    expect(shown).toContain('Left off the timeline');
    expect(shown).toMatch(/`far-future` \(event\): .*1900-01-01 to 2100-12-31/);
    expect(shown).toMatch(/`garbled-time` \(event\): /);
    expect(shown).toMatch(/`far-measure` \(measure\): .*1900-01-01 to 2100-12-31/);
    const asReader = await bot.dispatch('schedule', { ...editor, isEditor: false }, CONSOLE_CHANNEL);
    expect(text(asReader)).not.toContain('far-future');
  });

  it('each item left off is logged once, not at every rebuild', async () => {
    await ask('brief');
    await ask('subscribe time:09:00'); // a write: the next answer rebuilds the timeline
    await ask('brief');
    const about = (id: string) => logged.filter((l) => l.includes(id));
    expect(about('far-future')).toEqual([
      expect.stringMatching(
        /^\[warn\] event far-future is left off the timeline: .*1900-01-01 to 2100-12-31/,
      ),
    ]);
    expect(about('far-measure')).toHaveLength(1);
    expect(about('garbled-time')).toHaveLength(1);
  });

  it('the scheduler still posts the digest and reminders', async () => {
    const posted: string[] = [];
    const scheduler = new Scheduler(
      bot,
      async (_channel, reply) => {
        posted.push(reply.title);
        return undefined;
      },
      recordingLog(logged),
    );
    // The terminal is subscribed at 08:00 UTC with the default leads (7d, 1d, 1h).
    await bot.store.update((d) => {
      d.subscriptions = [];
    });
    await ask('subscribe time:08:00 zone:UTC');
    t.clock.set(Date.parse('2026-03-12T08:00:00Z'));
    await scheduler.tick();
    t.clock.set(Date.parse('2026-03-14T00:00:00Z')); // one day before the Paris talks (all day on 15 March)
    await scheduler.tick();
    expect(posted).toContain('Daily trade digest');
    expect(posted).toContain('⏰ Paris talks at OECD headquarters (6th round) — in 1 day');
    expect(logged.filter((l) => l.includes('tick failed'))).toEqual([]);
  });
});
