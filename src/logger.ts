import { escapeControls } from './domain/control-chars.js';

/** Where the bot writes what it is doing; secrets are never passed in. */
export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

const SECRET =
  /(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|[MN][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,})/g;

/** Replaces anything shaped like a Slack or Discord token with [redacted]. */
export const redact = (s: string): string => s.replace(SECRET, '[redacted]');

function describe(extra: unknown): string {
  if (extra === undefined) return '';
  if (extra instanceof Error) return ` ${extra.name}: ${extra.message}`;
  try {
    return ` ${JSON.stringify(extra)}`;
  } catch {
    return ` ${String(extra)}`;
  }
}

/** A logger writing one line per message to a stream (stderr by default), at or above `level`; control characters escaped. */
export function streamLogger(
  level: Level,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const min = LEVELS.indexOf(level);
  const at = (l: Level) => (msg: string, extra?: unknown) => {
    if (LEVELS.indexOf(l) >= min) write(`${redact(escapeControls(`[${l}] ${msg}${describe(extra)}`))}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
