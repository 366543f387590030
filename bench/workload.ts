/**
 * What the Slack and Discord benches ask, on three paths (issue 9):
 * - miss: every request from a channel never seen before, the commands in turn, the bot's clock moving: no
 *   request can be answered from the reply cache (its key holds the channel);
 * - mix: hundreds of channels and users, the commands in fixed proportions, the bot's clock moving;
 * - hit: `/trade brief` from one user in one channel at a fixed clock: after the first, every answer is a cache hit.
 * The bare apps answer each command with a static reply of the same size as ours (staticReplies).
 */
import type { Bot } from '../src/bot.js';
import type { manualClock } from '../src/clock.js';
import type { Reply } from '../src/render/reply.js';
import { seededBot } from '../tests/helpers/bot.js';

export const PATHS = ['miss', 'mix', 'hit'] as const;
export type BenchPath = (typeof PATHS)[number];

/** One /trade command: Slack's text and Discord's typed options say the same. */
export interface BenchCommand {
  readonly name: string;
  readonly options: Readonly<Record<string, string | number>>;
}

/** The command as typed after `/trade` in Slack or the terminal. */
export const commandText = (c: BenchCommand): string =>
  [c.name, ...Object.entries(c.options).map(([k, v]) => `${k}:${v}`)].join(' ');

const cmd = (name: string, options: BenchCommand['options'] = {}): BenchCommand => ({ name, options });

/** The mix's commands with their share of the requests (weights out of 100). */
export const MIX: readonly (readonly [BenchCommand, number])[] = [
  [cmd('brief'), 40],
  [cmd('deadlines'), 10],
  [cmd('deadlines', { days: 90 }), 5],
  [cmd('events'), 10],
  [cmd('events', { when: 'past', days: 60 }), 5],
  [cmd('event', { id: 'paris-talks-2026' }), 8],
  [cmd('event', { id: 'beijing-summit-2026' }), 7],
  [cmd('tariffs'), 10],
  [cmd('tariffs', { country: 'US' }), 5],
];
/** Every command a bench sends (the miss path sends them in turn). */
export const COMMANDS: readonly BenchCommand[] = MIX.map(([c]) => c);

/**
 * Targets, by path: our req/s at least this share of the bare app's (the median of the round pairs), our CPU per
 * request at most this multiple of its (miss only), our p99 at most this multiple of its p99 (every path).
 */
export const RPS_RATIO_TARGET: Readonly<Record<BenchPath, number>> = { miss: 0.75, mix: 0.9, hit: 0.85 };
export const CPU_RATIO_TARGET: Readonly<Partial<Record<BenchPath, number>>> = { miss: 1.4 };
export const P99_RATIO_TARGET = 1.25;

/** One target of a path, met or not. */
export interface PathCheck {
  readonly what: string;
  readonly value: number;
  readonly target: string;
  readonly ok: boolean;
}

/** The targets of `path` against ours / bare ratios. */
export function pathChecks(
  path: BenchPath,
  r: { readonly rpsRatio: number; readonly cpuRatio: number; readonly p99Ratio: number },
): PathCheck[] {
  const rps = RPS_RATIO_TARGET[path];
  const cpu = CPU_RATIO_TARGET[path];
  return [
    { what: 'req/s, ours ÷ bare', value: r.rpsRatio, target: `≥ ${rps}`, ok: r.rpsRatio >= rps },
    ...(cpu === undefined
      ? []
      : [
          {
            what: 'CPU per request, ours ÷ bare',
            value: r.cpuRatio,
            target: `≤ ${cpu}`,
            ok: r.cpuRatio <= cpu,
          },
        ]),
    {
      what: 'p99, ours ÷ bare',
      value: r.p99Ratio,
      target: `≤ ${P99_RATIO_TARGET}`,
      ok: r.p99Ratio <= P99_RATIO_TARGET,
    },
  ];
}

/**
 * A warm-up lasts at least this many requests as well as its time (at most WARMUP_CAP_MS), so that on a busy
 * machine both apps' JIT has seen the same work before the timed part, however few requests a second get through.
 */
export const WARMUP_MIN_REQUESTS = 1_000;
export const WARMUP_CAP_MS = 20_000;

/** The mix's sizes: requests come from this many channels and users. */
export const MIX_CHANNELS = 300;
export const MIX_USERS = 1_000;
/** On the miss and mix paths the bot's clock moves this many bot minutes per real second. */
export const CLOCK_MINUTES_PER_SECOND = 1;

/** A fixed-seed hash of the request number: the same sequence in every run and for both apps. */
function hash(i: number, salt: number): number {
  let x = Math.imul(i ^ salt, 0x9e3779b1);
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b);
  return (x ^ (x >>> 13)) >>> 0;
}

const weightTotal = MIX.reduce((n, [, w]) => n + w, 0);

/** Request number `i` of a path: which command, from which channel and user (numbers; see slackIds, discordIds). */
export function benchRequest(
  path: BenchPath,
  i: number,
): { command: BenchCommand; channel: number; user: number } {
  if (path === 'hit') return { command: cmd('brief'), channel: 0, user: 0 };
  if (path === 'miss')
    return {
      command: COMMANDS[i % COMMANDS.length] as BenchCommand,
      channel: i + 1,
      user: hash(i, 1) % MIX_USERS,
    };
  let pick = hash(i, 2) % weightTotal;
  let command = COMMANDS[0] as BenchCommand;
  for (const [c, w] of MIX) {
    command = c;
    pick -= w;
    if (pick < 0) break;
  }
  return {
    command,
    channel: 1 + (hash(i, 3) % MIX_CHANNELS),
    user: hash(i, 4) % MIX_USERS,
  };
}

/** A request's channel and user as Slack ids. */
export const slackIds = (r: { channel: number; user: number }) => ({
  channelId: `C${r.channel.toString(36).toUpperCase()}`,
  userId: `U${r.user.toString(36).toUpperCase()}`,
});

/** A request's channel and user as Discord snowflakes. */
export const discordIds = (r: { channel: number; user: number }) => ({
  channelId: String(1_300_000_000_000_000_000n + BigInt(r.channel)),
  userId: String(1_200_000_000_000_000_000n + BigInt(r.user)),
});

/**
 * Our answer to every bench command at `nowIso`, by command text (a seeded bot, opened and closed here): the
 * static replies of the bare apps, and the replies whose titles the load generators expect.
 */
export async function staticReplies(nowIso: string): Promise<Map<string, Reply>> {
  const t = await seededBot(nowIso);
  try {
    const replies = new Map<string, Reply>();
    const actor = { platform: 'console', id: 'bench', isEditor: false } as const;
    for (const c of COMMANDS) {
      const text = commandText(c);
      const reply = await t.bot.dispatch(text, actor, { platform: 'console', id: 'bench' });
      if (reply.tone === 'error') throw new Error(`bench: \`${text}\` answered an error: ${reply.title}`);
      replies.set(text, reply);
    }
    return replies;
  } finally {
    await t.close();
  }
}

/**
 * On the miss and mix paths, moves a bench bot's manual clock CLOCK_MINUTES_PER_SECOND minutes every second
 * while the bench runs (a reply cached for a minute then lasts a second); returns the stop.
 */
export function movingClock(bot: Bot, path: BenchPath): () => void {
  if (path === 'hit') return () => {};
  const clock = bot.clock as ReturnType<typeof manualClock>;
  const timer = setInterval(() => clock.advance(CLOCK_MINUTES_PER_SECOND * 60_000), 1_000);
  return () => clearInterval(timer);
}
