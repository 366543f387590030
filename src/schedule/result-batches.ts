/**
 * Collects a round's results and writes them in batches: when `size` have gathered, or `everyMs` after the
 * first one not yet written, whichever comes first, so 1,000 posts cost a handful of store writes and a crash
 * mid-round loses at most one batch of "sent" marks (those posts are then retried, and the platforms' duplicate
 * checks find them). One write at a time; `close` writes what is left.
 */
export class ResultBatches<T> {
  private waiting: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (batch: readonly T[]) => Promise<void>,
    private readonly size = 100,
    private readonly everyMs = 1_000,
  ) {}

  /** Adds one result; a batch is written in the background when it is full or old enough. */
  add(result: T): void {
    this.waiting.push(result);
    if (this.waiting.length >= this.size) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.everyMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.waiting.length) return;
    const batch = this.waiting;
    this.waiting = [];
    // A failed batch is kept for `close` to write again and report; the posts stay pending meanwhile.
    this.writing = this.writing.then(() =>
      this.write(batch).catch(() => {
        this.waiting.unshift(...batch);
      }),
    );
  }

  /**
   * Waits for the batches in flight and hands the results not yet written (and those of a failed batch) to
   * `last`, which writes them with whatever closes the round. Rejects if `last` does.
   */
  async close(last: (rest: readonly T[]) => Promise<void>): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    const rest = this.waiting;
    this.waiting = [];
    await last(rest);
  }
}
