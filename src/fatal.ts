import type { Logger } from './log/logger.js';

/** The exit code after an error no handler caught (EX_SOFTWARE): not a clean stop, so a supervisor restarts. */
export const FATAL_EXIT_CODE = 70;
const FRAMES = 6;

/** One line saying what escaped and where it was thrown: the error's name, message and first stack frames. */
export function describeEscape(kind: string, err: unknown): string {
  if (!(err instanceof Error)) return `${kind}: ${String(err)}`;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, FRAMES)
    .map((line) => line.trim());
  return `${kind}: ${err.name}: ${err.message}${frames.length ? ` (${frames.join(' < ')})` : ''}`;
}

/**
 * Makes an exception or promise rejection that escaped every handler fatal: it is logged once, on one line,
 * through `log` (which redacts tokens), and the process exits with FATAL_EXIT_CODE at once. The state after
 * such an error is unknown, so nothing more is attempted: the store is written atomically, its lock is freed
 * on exit, and the delivery ledger lets the restarted bot post only what is still due.
 */
export function exitOnEscape(log: Logger, exit: (code: number) => never = process.exit): void {
  let dying = false;
  const fatal = (kind: string) => (err: unknown) => {
    if (dying) return;
    dying = true;
    log.error(`fatal ${describeEscape(kind, err)}; exiting with code ${FATAL_EXIT_CODE} to be restarted`);
    exit(FATAL_EXIT_CODE);
  };
  process.on('uncaughtException', fatal('uncaught exception'));
  process.on('unhandledRejection', fatal('unhandled rejection'));
}
