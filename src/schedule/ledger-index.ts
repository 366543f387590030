import { channelKey, type LedgerEntry } from '../domain/subscription.js';

/** Lookups over the ledger, built once per store revision. */
export class LedgerIndex {
  private readonly byKey = new Map<string, LedgerEntry>();
  private readonly reminded = new Set<string>();
  private readonly lastDigest = new Map<string, number>();
  /** Due time of the earliest entry still pending, if any. */
  readonly earliestPendingMs: number | undefined;
  /** Entries whose post has not been confirmed. */
  readonly pending: readonly LedgerEntry[];

  constructor(entries: readonly LedgerEntry[]) {
    let earliest: number | undefined;
    const pending: LedgerEntry[] = [];
    for (const e of entries) {
      this.byKey.set(e.key, e);
      const ck = channelKey(e.channel);
      if (e.kind === 'reminder' && e.itemId && e.state === 'sent') this.reminded.add(`${ck}|${e.itemId}`);
      if (e.kind === 'digest' && e.state === 'sent' && e.doneAt)
        this.lastDigest.set(ck, Math.max(this.lastDigest.get(ck) ?? 0, Date.parse(e.doneAt)));
      if (e.state === 'pending') {
        earliest = Math.min(earliest ?? Number.POSITIVE_INFINITY, Date.parse(e.dueAt));
        pending.push(e);
      }
    }
    this.earliestPendingMs = earliest;
    this.pending = pending;
  }

  get(key: string): LedgerEntry | undefined {
    return this.byKey.get(key);
  }

  wasReminded = (ck: string, itemId: string): boolean => this.reminded.has(`${ck}|${itemId}`);

  /** When the channel last received a digest. */
  lastDigestMs(ck: string): number | undefined {
    return this.lastDigest.get(ck);
  }
}
