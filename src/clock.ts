/** The injected clock: the only way domain and scheduling code learns the time. */
export interface Clock {
  now(): number;
}

/**
 * A clock that starts at `startMs` and runs `speed` times faster than `real`. The composition root
 * passes the system clock as `real`; tests pass their own.
 */
export function shiftedClock(real: () => number, startMs: number, speed = 1): Clock {
  const t0 = real();
  return { now: () => startMs + (real() - t0) * speed };
}

/** A clock tests move by hand. */
export function manualClock(startMs: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = startMs;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
