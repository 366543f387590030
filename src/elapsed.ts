/**
 * Timing of commands and store writes (for the metrics), on process.hrtime's monotonic clock: the global
 * `performance` loads perf_hooks at its first use, about 5 ms of a one-shot answer's start.
 */
export const startTimer = (): bigint => process.hrtime.bigint();

/** Seconds since a mark from startTimer. */
export const secondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;
