import { escapeControls } from '../domain/control-chars.js';

/** What a log line may carry besides its message: the command, platform and request it belongs to. */
export interface LogContext {
  readonly command?: string;
  readonly platform?: string;
  readonly requestId?: string;
  readonly [key: string]: string | number | boolean | undefined;
}

/** Where the bot writes what it is doing; secrets are never passed in, and any token-shaped text is redacted. */
export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
  /** A logger whose lines all carry `context`; loggers without one (test doubles) log without it. */
  child?(context: LogContext): Logger;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `log` with `context` on every line, where the logger supports it. */
export const withContext = (log: Logger, context: LogContext): Logger => log.child?.(context) ?? log;

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const SECRET =
  /(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|tbcal_[A-Za-z0-9_-]+|[MN][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,})/g;

/** Replaces anything shaped like a Slack or Discord token (or a calendar token) with [redacted]. */
export const redact = (s: string): string => s.replace(SECRET, '[redacted]');

/** Text fit for one log line: control characters escaped, token-shaped text redacted. */
export const cleanText = (s: string): string => redact(escapeControls(s));
