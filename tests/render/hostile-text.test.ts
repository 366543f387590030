import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/pino-logger.js';
import { CONSOLE_CHANNEL, ConsoleChannel } from '../../src/platforms/console.js';
import { autocompleteChoices } from '../../src/platforms/discord/autocomplete.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { editor, SEED_FILE, seededBot, silentLog } from '../helpers/bot.js';
import { discordRig } from '../helpers/discord.js';
import { runChild } from '../helpers/run-child.js';
import { slackRig } from '../helpers/slack.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** What no terminal may receive raw: C0 but LF and tab, DEL, C1, bidi controls, line separators, zero-width space. */
const C0 = String.raw`\x00-\x08\x0b-\x1f`;
const RAW_CONTROL = new RegExp(
  String.raw`[${C0}\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]`,
);
/** The same for chat, where our own escapes put a zero-width space after @ to keep @everyone inert. */
const RAW_CONTROL_CHAT = new RegExp(
  String.raw`[${C0}\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]`,
);

const ESC = '\x1b';
const hostileTitle = `Talks ${ESC}[2J${ESC}]0;pwned\x07 \u009b31m \u202Eevil\u202C\u200b\nFAKE: reminder\r <!channel> @everyone **bold**`;
const hostileEvent = {
  id: 'hostile-talks',
  title: hostileTitle,
  kind: 'meeting',
  start: { date: '2026-03-14', timeZone: 'UTC' },
  status: 'scheduled',
  countries: ['US', 'CN'],
  participants: [`Agent ${ESC}[31mRed`],
  location: `Gen\u202Eeva`,
  summary: `First line\nFAKE: second ${ESC}[1mline`,
  tags: [],
  sources: [{ title: `Src ${ESC}[5m`, url: 'https://example.org/a' }],
  confidence: 'reported',
};
const hostileAudit = {
  seq: 1,
  at: '2026-03-12T08:00:00Z',
  actor: `slack:U1${ESC}[2J\nFAKE: admin`,
  action: 'add',
  type: 'event',
  id: 'hostile-talks',
  after: hostileEvent,
};

/** Every string inside a JSON value (Block Kit, embeds), for checking what a client would render. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The texts Slack parses as mrkdwn. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

/** No line printed to a terminal starts with the forged text: a stored line break never starts a line of its own. */
const forgedLines = (out: string) => out.split('\n').filter((l) => l.startsWith('FAKE'));

describe('stored text with control characters is refused at input', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it.each([
    [`title:"Talks ${ESC}[2J"`, '`title` contains an invisible or control character (U+001B)'],
    ['title:"Talks \u009b31m"', '`title` contains an invisible or control character (U+009B)'],
    ['title:"Talks \u202Eevil"', '`title` contains an invisible or control character (U+202E)'],
    ['title:"Talks\u2066x"', '`title` contains an invisible or control character (U+2066)'],
    ['title:"Pa\u200Bris talks"', '`title` contains an invisible or control character (U+200B)'],
    [
      'title:"Talks\nFAKE: reminder"',
      '`title` must be one line: remove the line break (only `summary` may have several lines)',
    ],
    ['title:Talks location:"Gen\reva"', '`location` must be one line'],
    [`title:Talks summary:"ok ${ESC}[31m"`, '`summary` contains an invisible or control character (U+001B)'],
  ])('add %s is refused', async (opts, message) => {
    const before = t.store.revision;
    const reply = await t.ask(`add ${opts} start:2026-05-01 source:https://example.org/a`);
    expect(reply.tone).toBe('error');
    expect(reply.intro?.join('')).toContain(message);
    expect(t.store.revision).toBe(before);
  });

  it('a summary may span lines; CR LF is kept as one line break', async () => {
    const reply = await t.ask(
      'add title:Lines summary:"one\r\ntwo" start:2026-05-01 source:https://example.org/a',
    );
    expect(reply.tone).not.toBe('error');
    expect(t.store.read().events.find((e) => e.id === 'lines')?.summary).toBe('one\ntwo');
  });

  it('typed values (Discord options, the Slack form) are checked the same way', () => {
    const add = t.bot.registry.list().find((d) => d.name === 'add');
    if (!add) throw new Error('no add');
    const parsed = t.bot.registry.validate(
      add,
      { title: `Talks ${ESC}[2J`, start: '2026-05-01', source: 'https://example.org/a' },
      'UTC',
    );
    expect(parsed.ok ? undefined : parsed.field).toBe('title');
  });
});

describe('stored text that bypassed validation reaches the terminal escaped', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
    await t.store.update((d) => {
      d.events.push(hostileEvent as never);
      d.audit.push(hostileAudit as never);
    });
  });
  afterAll(() => t.close());

  it.each(['brief', 'events days:7', 'event hostile-talks', 'countdown hostile-talks', 'events talks'])(
    '%s',
    async (line) => {
      const out = await t.say(line);
      expect(out).toContain(
        'Talks \\u{1B}[2J\\u{1B}]0;pwned\\u{7} \\u{9B}31m \\u{202E}evil\\u{202C}\\u{200B}',
      );
      expect(out).not.toMatch(RAW_CONTROL);
      expect(forgedLines(out)).toEqual([]);
    },
  );

  it('the audit line in the brief shows the actor escaped', async () => {
    const out = await t.say('brief');
    expect(out).toContain('slack:U1\\u{1B}[2J');
    expect(forgedLines(out)).toEqual([]);
  });

  it('a mistake quoting the typed text is escaped too', async () => {
    const out = await t.say(`${ESC}[2Jbrief`);
    expect(out).toContain('`\\u{1B}[2Jbrief` is not a /trade command');
    expect(out).not.toMatch(RAW_CONTROL);
  });

  it('a reminder printed in the terminal by the scheduler', async () => {
    const sink = new PassThrough();
    let printed = '';
    sink.on('data', (d) => {
      printed += d;
    });
    const channel = new ConsoleChannel(t.bot, sink);
    const scheduler = new Scheduler(
      t.bot,
      async (_c, reply) => {
        channel.print(reply);
        return undefined;
      },
      silentLog,
    );
    await t.bot.dispatch('subscribe leads:1d zone:UTC', editor, CONSOLE_CHANNEL);
    t.clock.set(Date.parse('2026-03-13T00:00:00Z'));
    await scheduler.tick();
    expect(printed).toContain('⏰ Talks \\u{1B}[2J');
    expect(printed).not.toMatch(RAW_CONTROL);
    expect(forgedLines(printed)).toEqual([]);
  });

  it('Discord autocomplete offers the title escaped', () => {
    const [choice] = autocompleteChoices(t.bot, 'event', 'hostile');
    expect(choice?.name).toMatch(/^Talks \\u\{1B\}\[2J/);
    expect(choice?.name).not.toMatch(RAW_CONTROL);
  });

  it('log lines that quote stored text are one escaped line', () => {
    const lines: string[] = [];
    createLogger({ level: 'info', format: 'json', write: (l) => lines.push(l) }).warn(
      `event ${hostileTitle} is left off`,
      new Error(hostileTitle),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.trimEnd()).not.toMatch(RAW_CONTROL);
    expect(lines[0]?.trimEnd()).not.toContain('\n');
    expect(lines[0]).toContain('\\u{1B}[2J');
  });

  it('readable (pretty) log lines escape stored text too; only their own layout breaks lines', () => {
    const lines: string[] = [];
    createLogger({ level: 'info', format: 'pretty', write: (l) => lines.push(l) }).warn(
      `event ${hostileTitle} is left off`,
      new Error(hostileTitle),
    );
    const [first, ...rest] = (lines[0] ?? '').trimEnd().split('\n');
    expect(first).toContain('event Talks \\u{1B}[2J');
    for (const line of [first, ...rest]) expect(line).not.toMatch(RAW_CONTROL);
    expect(forgedLines(lines.join(''))).toEqual([]);
  });
});

describe('a hand-edited store file with hostile text, through the CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-hostile-'));
    const seed = JSON.parse(await readFile(SEED_FILE, 'utf8'));
    const store = {
      schemaVersion: 1,
      events: [...seed.events, hostileEvent],
      measures: seed.measures,
      audit: [hostileAudit],
    };
    await writeFile(join(dir, 'store.db.json'), JSON.stringify(store, null, 2));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = (line: string) =>
    runChild(process.execPath, ['--import', 'tsx', 'src/cli.ts', line, '--now', '2026-03-12T09:00:00Z'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DB_FILE: join(dir, 'store.db.json'),
        TIME_ZONE: 'UTC',
        SLACK_BOT_TOKEN: '',
        DISCORD_TOKEN: '',
      },
    });

  it('event, brief and digest print the text escaped; a mistake prints escaped on stderr', async () => {
    for (const line of ['event hostile-talks', 'brief', 'digest']) {
      const r = await cli(line);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Talks \\u{1B}[2J');
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(forgedLines(r.stdout)).toEqual([]);
    }
    const bad = await cli(`${ESC}]0;title\x07brief`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('`\\u{1B}]0;title\\u{7}brief` is not a /trade command');
    expect(bad.stderr).not.toMatch(RAW_CONTROL);
  }, 60_000);
});

describe('stored text that bypassed validation reaches Slack and Discord escaped', () => {
  it('Slack: Block Kit through the real Bolt app', async () => {
    const r = await slackRig('2026-03-12T09:00:00Z');
    try {
      await r.t.store.update((d) => {
        d.events.push(hostileEvent as never);
      });
      for (const line of ['event hostile-talks', 'brief', 'events days:7']) {
        const { reply } = await r.slash(line);
        const texts = strings(reply.blocks);
        const all = texts.join('\n');
        expect(all).toContain('Talks \\u{1B}[2J');
        for (const s of texts) expect(s).not.toMatch(RAW_CONTROL_CHAT);
        // Header text is plain_text, which Slack never parses; every mrkdwn text escapes the mention.
        const marked = mrkdwnTexts(reply.blocks);
        for (const m of marked) expect(m).not.toContain('<!channel>');
        if (line !== 'event hostile-talks') expect(marked.join('\n')).toContain('&lt;!channel&gt;');
        expect(reply.text).not.toMatch(RAW_CONTROL_CHAT);
      }
    } finally {
      await r.close();
    }
  }, 30_000);

  it('Discord: embeds through the real discord.js client', async () => {
    const r = await discordRig('2026-03-12T09:00:00Z');
    try {
      await r.t.store.update((d) => {
        d.events.push(hostileEvent as never);
      });
      for (const [sub, options] of [
        ['event', { id: 'hostile-talks' }],
        ['brief', {}],
      ] as const) {
        const a = await r.ask('trade', sub, options);
        const texts = strings(a.body.embeds);
        const all = texts.join('\n');
        // The embed title is plain; lines in the description are markdown, where the backslash is escaped too.
        expect(all).toMatch(/Talks \\{1,2}u\{1B\}\\?\[2J/);
        for (const s of texts) expect(s).not.toMatch(RAW_CONTROL_CHAT);
        if (sub === 'brief') {
          expect(all).toContain('@\u200beveryone');
          expect(all).toContain('\\*\\*bold\\*\\*');
        }
        expect(a.body.allowed_mentions).toEqual({ parse: [] });
      }
    } finally {
      await r.close();
    }
  }, 30_000);
});
