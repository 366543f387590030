import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Logger as Pino } from 'pino';
import { cleanText, type LogContext, type Logger, type LogLevel } from './logger.js';

/** Where and how log lines go: JSON lines, or pino-pretty's readable lines; `write` replaces stderr (tests). */
export interface LogOptions {
  readonly level: LogLevel;
  readonly format: 'json' | 'pretty';
  readonly write?: (line: string) => void;
}

/** Field paths pino censors wherever they appear in a logged object (one level of nesting). */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'password',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DISCORD_TOKEN',
  'CALENDAR_TOKEN',
  'headers.authorization',
  'headers.cookie',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_APP_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.DISCORD_TOKEN',
  '*.CALENDAR_TOKEN',
  '*.headers.authorization',
];

/** Every string in `value`, cleaned; depth and size are bounded so a hostile object cannot stall a log call. */
function cleanDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => cleanDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, 50)) out[cleanText(k)] = cleanDeep(v, depth + 1);
  return out;
}

/** The stack's frames, one cleaned line each; its head (which quotes the message) is rebuilt from the cleaned message. */
function cleanStack(err: Error): string {
  const stack = err.stack ?? '';
  const at = stack.indexOf('\n    at ');
  const frames =
    at < 0
      ? []
      : stack
          .slice(at + 1)
          .split('\n')
          .slice(0, 30)
          .map(cleanText);
  return [`${cleanText(err.name)}: ${cleanText(err.message)}`, ...frames].join('\n');
}

/** The error as a plain object with every text cleaned (messages and stacks may quote stored text or a token). */
function errorFields(err: Error): Record<string, unknown> {
  const code = (err as NodeJS.ErrnoException).code;
  return {
    type: cleanText(err.name),
    message: cleanText(err.message),
    ...(code ? { code: cleanText(String(code)) } : {}),
    ...(err.stack ? { stack: cleanStack(err) } : {}),
  };
}

/** The fields a log call's `extra` adds to its line. */
function fieldsOf(extra: unknown): Record<string, unknown> {
  if (extra === undefined) return {};
  if (extra instanceof Error) return { err: errorFields(extra) };
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra))
    return cleanDeep(extra) as Record<string, unknown>;
  return { extra: cleanDeep(extra) };
}

const require = createRequire(import.meta.url);

/** The pino instance, built on first use: a one-shot answer that logs nothing never loads pino. */
function build(o: LogOptions): Pino {
  const pino = require('pino') as typeof import('pino');
  const options = {
    level: o.level,
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Errors are already plain, cleaned objects (errorFields); pino's serializer would read them as Objects.
    serializers: { err: (e: unknown) => e },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (o.format === 'pretty') {
    // pino-pretty's formatter, called in line: no worker thread, no stream between the log call and stderr.
    const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
    const prettify = prettyFactory({
      colorize: !o.write && Boolean(process.stderr.isTTY),
      ignore: 'pid,hostname',
      translateTime: 'SYS:HH:MM:ss.l',
    });
    const out = o.write ?? ((s: string) => writeSync(2, s));
    return pino.default(options, { write: (line: string) => out(prettify(line)) });
  }
  const stream = o.write ? { write: o.write } : pino.destination({ dest: 2, sync: true });
  return pino.default(options, stream);
}

/** A Logger writing through pino: JSON lines by default, pino-pretty when asked; every text escaped and redacted. */
export function createLogger(o: LogOptions): Logger {
  let root: Pino | undefined;
  const make = (context: LogContext | undefined, parent?: () => Pino): Logger => {
    let mine: Pino | undefined;
    const get = (): Pino => {
      if (mine) return mine;
      if (!parent) {
        root ??= build(o);
        mine = root;
      } else mine = parent().child(cleanDeep(context) as Record<string, unknown>);
      return mine;
    };
    const enabled = (l: LogLevel) => LEVEL_RANK[l] >= LEVEL_RANK[o.level];
    const at = (l: LogLevel) => (msg: string, extra?: unknown) => {
      if (enabled(l)) get()[l](fieldsOf(extra), cleanText(msg));
    };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (c) => make(c, get),
    };
  };
  return make(undefined);
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
