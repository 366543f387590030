import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render.js';
import { timelineChartOption } from '../../src/charts/timeline-chart.js';
import { timelineChartReply } from '../../src/charts/timeline-reply.js';
import { TradeEvent } from '../../src/domain/event.js';
import { Timeline } from '../../src/domain/timeline.js';
import { ConsoleChannel } from '../../src/platforms/console.js';
import { renderText } from '../../src/render/text.js';
import { seededBot, type TestBot } from '../helpers/bot.js';
import { lookAt } from '../helpers/png.js';

const NOW = '2026-03-12T09:00:00Z';
const DAY = 86_400_000;

describe('chart timeline draws what is coming', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot(NOW);
  });
  afterAll(() => t.close());

  it('a 90-day timeline is a PNG of at least 800x400 and lists the same items in words', async () => {
    const reply = await t.ask('chart timeline');
    const file = reply.files?.[0];
    expect(file?.name).toBe('timeline.png');
    const look = lookAt(file?.bytes ?? new Uint8Array());
    expect(look.width).toBeGreaterThanOrEqual(800);
    expect(look.height).toBeGreaterThanOrEqual(400);
    expect(look.inked).toBeGreaterThan(0.03);
    expect(look.colours).toBeGreaterThanOrEqual(5);
    // The oracle: the events the same command lists in words for the same 90 days.
    const listed = (await t.say('events days:90')).match(/`[a-z0-9-]+`/g) ?? [];
    const charted = (await t.say('chart timeline')).match(/`[a-z0-9-]+`/g) ?? [];
    expect(charted.filter((id) => id !== '`/trade event <id>`')).toEqual(
      listed.filter((id) => id !== '`/trade event <id>`'),
    );
    expect(await t.say('chart timeline')).toContain('2 deadlines or expiries');
  });

  it('kind: and country: filter it; an empty window says so in words', async () => {
    const deadlines = await t.say('chart timeline days:60 kind:deadline,comment-deadline');
    expect(deadlines).toContain('`section-301-comments-due-2026-04`');
    expect(deadlines).not.toContain('`paris-talks-2026`');
    const none = await t.ask('chart timeline days:2 kind:summit');
    expect(none.files ?? []).toEqual([]);
    const text = await t.say('chart timeline days:2 kind:summit');
    expect(text).toContain(
      'Nothing on the timeline in the next 2 days · summit, so there is nothing to draw.',
    );
    expect(text).toContain('The next is Beijing Trump-Xi summit');
  });

  it('bad options get one clear line', async () => {
    // The example is a whole command that runs: `chart` needs its type before `days`.
    expect(await t.say('chart timeline days:0')).toContain(
      '`days` must be a whole number from 1 to 365, e.g. `/trade chart timeline days:90 kind:deadline`',
    );
    expect(await t.say('chart timeline from:2026-01-01')).toMatch(/`from` goes with `chart tariffs`/);
    expect(await t.say('chart timeline kind:picnic')).toMatch(/`kind` must be kinds from/);
  });

  it('the terminal writes the chart to FILES_DIR and prints its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trade-brief-files-'));
    const bot = await seededBot(NOW, { FILES_DIR: dir });
    try {
      const out = new PassThrough();
      let printed = '';
      out.on('data', (b: Buffer) => {
        printed += b.toString();
      });
      const reply = await bot.ask('chart tariffs CN');
      new ConsoleChannel(bot.bot, out).print(reply);
      const path = join(dir, 'tariffs-CN.png');
      expect(printed).toContain(`Chart saved: ${path} (Step chart of the US tariff on all goods from China`);
      expect(Buffer.from(await readFile(path)).equals(Buffer.from(reply.files?.[0]?.bytes ?? []))).toBe(true);
    } finally {
      await bot.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile titles', () => {
  const hostile = 'Talks \u202E</text><script>x</script> & {b} \u001b[31m';
  const event = TradeEvent.parse({
    id: 'hostile-talks',
    title: hostile,
    kind: 'deadline',
    start: { date: '2026-03-20', timeZone: 'UTC' },
    status: 'scheduled',
    countries: ['US', 'CN'],
    sources: [{ url: 'https://example.org/a', title: 'A' }],
    confidence: 'confirmed',
  });
  const tl = new Timeline([event], []);
  const now = Date.parse(NOW);

  it('never break the SVG: it stays well-formed, with the title as escaped text', () => {
    const { svg, png } = renderChart(
      timelineChartOption(tl.items, now - 2 * DAY, now + 30 * DAY, now, 'x'),
      1000,
      400,
    );
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    expect(svg).toContain('Talks \\u{202E}&lt;/text&gt;&lt;script&gt;x&lt;/script&gt; &amp; {b}');
    expect(lookAt(png).width).toBe(1000);
  });

  it('never reach the chat or the terminal unescaped', () => {
    const text = renderText(timelineChartReply(tl, { days: 30 }, now), { zone: 'UTC' });
    expect(text).toContain('Talks \\u{202E}</text><script>x</script> & {b} \\u{1B}[31m');
    expect(text).not.toContain('\u202E');
    expect(text).not.toContain('\u001b');
  });
});
