interface Waiter {
  readonly check: () => boolean;
}

/** Promises that settle when the emulator's recorded state changes to satisfy them. */
export class Waiters {
  private readonly pending = new Set<Waiter>();

  /** Re-checks every pending waiter; call after each change to recorded state. */
  notify(): void {
    for (const waiter of [...this.pending]) if (waiter.check()) this.pending.delete(waiter);
  }

  /** Resolves with the first defined value of `probe`, checked now and after each change; rejects after `ms`. */
  until<T>(probe: () => T | undefined, ms: number, what: string): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return false;
          clearTimeout(timer);
          resolve(value);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(waiter);
        reject(new Error(`Slack emulator: timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.pending.add(waiter);
    });
  }
}
