/** Answers that are ready this fast go out in the first response; slower ones are deferred. */
export const QUICK_MS = 1500;

/** A waiting window: when it ends (performance.now() ms) and how to end it with no answer. */
interface Window {
  readonly endsAt: number;
  readonly expire: () => void;
}

/**
 * Open windows of one length, oldest first (windows of one length end in the order they open), under one
 * timer for the oldest: a timer set and cleared per request cost more than the rest of a cached answer. With no
 * window open the timer is not cleared but unreferenced (it must not hold the process, and when it fires it finds
 * nothing to end); the next window references it again, so a steady stream of quick answers sets no new timers.
 */
class Windows {
  private readonly open = new Set<Window>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {}

  add(expire: () => void): Window {
    const w = { endsAt: performance.now() + this.ms, expire };
    this.open.add(w);
    // A pending timer fires no later than this window ends (it was set for a window that opened earlier).
    if (!this.timer) this.arm(this.ms);
    else if (this.open.size === 1) this.timer.ref();
    return w;
  }

  /** Forgets a window whose work settled; with none left open, the timer no longer holds the process. */
  remove(w: Window): void {
    this.open.delete(w);
    if (this.open.size === 0) this.timer?.unref();
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.fire(), Math.max(0, ms));
  }

  /** Ends every window that is over, then waits for the oldest still open, if any. */
  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    for (const w of this.open) {
      if (w.endsAt > now) {
        this.arm(w.endsAt - now);
        return;
      }
      this.open.delete(w);
      w.expire();
    }
  }
}

const windows = new Map<number, Windows>();

/** The result of `work` if it settles within `ms`, otherwise undefined (the work goes on). */
export function within<T>(work: Promise<T>, ms = QUICK_MS): Promise<T | undefined> {
  let of = windows.get(ms);
  if (!of) {
    of = new Windows(ms);
    windows.set(ms, of);
  }
  const open = of;
  return new Promise<T | undefined>((resolve, reject) => {
    const w = open.add(() => resolve(undefined));
    work.then(
      (value) => {
        open.remove(w);
        resolve(value);
      },
      (error: unknown) => {
        open.remove(w);
        reject(error);
      },
    );
  });
}
