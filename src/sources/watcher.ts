import type { Logger } from '../log/logger.js';
import { type CheckResult, checkSource } from './check-source.js';
import type { Fetcher } from './fetcher.js';
import type { Proposal, ProposalStatus } from './proposal.js';
import type { SourceConfig } from './sources-file.js';
import { emptyWatcherState, freshSourceState, type SourceState, type WatcherState } from './watcher-state.js';

export interface SourceWatcherOptions {
  sources: readonly SourceConfig[];
  fetcher: Fetcher;
  state?: WatcherState;
  logger?: Logger;
  /** Called after each check that changed the state, with the whole new state (the store persists it here). */
  onChange?: (state: WatcherState) => void | Promise<void>;
}

/** One line per source for `sources`: its config, state and whether it is due. */
export interface SourceStatus {
  source: SourceConfig;
  state: SourceState;
}

/**
 * Watches the configured sources: checks each when due, one after another so a document seen by two sources
 * is proposed once, and keeps a failing source from stopping the others.
 */
export class SourceWatcher {
  private state: WatcherState;
  private running: Promise<CheckResult[]> | null = null;

  constructor(private readonly o: SourceWatcherOptions) {
    this.state = structuredClone(o.state ?? emptyWatcherState());
  }

  /** A copy of the whole state, ready to serialize. */
  snapshot(): WatcherState {
    return structuredClone(this.state);
  }

  /** Each enabled source with its state (a fresh one when never checked). */
  statuses(): SourceStatus[] {
    return this.o.sources.map((source) => ({
      source,
      state: this.state.sources[source.id] ?? freshSourceState(),
    }));
  }

  /** Proposals, newest last; only pending ones unless `all`. */
  proposals(all = false): Proposal[] {
    return this.state.proposals.filter((p) => all || p.status === 'pending').map((p) => structuredClone(p));
  }

  /** Checks the enabled sources whose next check is due at `now`. */
  checkDue(now: number): Promise<CheckResult[]> {
    return this.run(now, (s) => {
      const next = this.state.sources[s.id]?.nextCheckAt;
      return !next || Date.parse(next) <= now;
    });
  }

  /** Checks every enabled source now, due or not (`sources check`). */
  checkAll(now: number): Promise<CheckResult[]> {
    return this.run(now, () => true);
  }

  /** Records an editor's decision on a pending proposal; false when there is no such pending proposal. */
  async decide(
    id: string,
    status: Exclude<ProposalStatus, 'pending'>,
    now: number,
    extra: { reason?: string; itemIds?: string[] } = {},
  ): Promise<boolean> {
    const p = this.state.proposals.find((x) => x.id === id && x.status === 'pending');
    if (!p) return false;
    const decided = { ...p, status, decidedAt: new Date(now).toISOString(), ...extra };
    return this.adopt({ ...this.state, proposals: this.state.proposals.map((x) => (x === p ? decided : x)) });
  }

  private run(now: number, due: (s: SourceConfig) => boolean): Promise<CheckResult[]> {
    // A check already under way is joined, never doubled: two checks at once could propose one document twice.
    if (this.running) return this.running;
    const task = this.checkEach(now, due).finally(() => {
      this.running = null;
    });
    this.running = task;
    return task;
  }

  private async checkEach(now: number, due: (s: SourceConfig) => boolean): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    for (const source of this.o.sources.filter((s) => s.enabled && due(s))) {
      const prev = this.state.sources[source.id] ?? freshSourceState();
      const r = await checkSource(source, prev, this.state.proposals, this.o.fetcher, now);
      const proposals = r.ok ? [...this.state.proposals, ...r.proposals] : this.state.proposals;
      await this.adopt({
        ...this.state,
        sources: { ...this.state.sources, [source.id]: r.state },
        proposals,
      });
      if (r.ok)
        this.o.logger?.debug(
          `source ${source.id}: ${r.notModified ? 'not modified' : `${r.documents} new or changed, ${r.proposals.length} proposed`}`,
        );
      else this.o.logger?.warn(`source ${source.id}: ${r.error.kind}: ${r.error.message}`);
      results.push(r);
    }
    return results;
  }

  /** Saves `next` through onChange, then makes it current; when saving fails the old state stays. */
  private async adopt(next: WatcherState): Promise<boolean> {
    try {
      await this.o.onChange?.(structuredClone(next));
    } catch (e) {
      this.o.logger?.error('sources: could not save the watcher state; the check will be repeated', e);
      return false;
    }
    this.state = next;
    return true;
  }
}
