import type { Logger } from '../log/logger.js';
import type { CheckResult } from './check-source.js';
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

/** Decided proposals are kept this long (they block repeats; by then a document is past every look-back). */
export const KEEP_DECIDED_MS = 90 * 86_400_000;

/** Proposals without those decided more than KEEP_DECIDED_MS before `now`, so the store stays bounded. */
const keepRecent = (proposals: Proposal[], now: number): Proposal[] =>
  proposals.filter(
    (p) => p.status === 'pending' || !p.decidedAt || now - Date.parse(p.decidedAt) < KEEP_DECIDED_MS,
  );

/**
 * Watches the configured sources: checks each when due, one after another so a document seen by two sources
 * is proposed once, and keeps a failing source from stopping the others.
 */
export class SourceWatcher {
  private state: WatcherState;
  private running: Promise<CheckResult[]> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

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

  /**
   * Records an editor's decision on a pending proposal; false when there is no such pending proposal. With
   * `commit`, the new state is saved through it instead of onChange (accept saves its items in the same write)
   * and the state it returns, if any, is the one kept; an error thrown by `commit` propagates, nothing decided.
   */
  decide(
    id: string,
    status: Exclude<ProposalStatus, 'pending'>,
    now: number,
    extra: { reason?: string; itemIds?: string[] } = {},
    commit?: (state: WatcherState) => Promise<WatcherState | undefined>,
  ): Promise<boolean> {
    return this.adopt((state) => {
      const p = state.proposals.find((x) => x.id === id && x.status === 'pending');
      if (!p) return null;
      const decided = { ...p, status, decidedAt: new Date(now).toISOString(), ...extra };
      return { ...state, proposals: state.proposals.map((x) => (x === p ? decided : x)) };
    }, commit);
  }

  /**
   * Adds proposals made outside a check (a calendar import): `make` sees every proposal so far and returns the new
   * ones, applied in turn with checks and decisions so none is lost or doubled. Resolves to what was added, or
   * null when the state could not be saved (nothing added).
   */
  async addProposals(make: (proposals: readonly Proposal[]) => Proposal[]): Promise<Proposal[] | null> {
    let made: Proposal[] = [];
    const saved = await this.adopt((state) => {
      made = make(state.proposals);
      return made.length ? { ...state, proposals: [...state.proposals, ...made] } : null;
    });
    return saved || made.length === 0 ? made : null;
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
      // Loaded at the first check with the feed and XML parsers under it: a one-shot answer never loads them.
      const { checkSource } = await import('./check-source.js');
      const r = await checkSource(source, prev, this.state.proposals, this.o.fetcher, now);
      await this.adopt((state) => ({
        ...state,
        sources: { ...state.sources, [source.id]: r.state },
        proposals: keepRecent(r.ok ? [...state.proposals, ...r.proposals] : state.proposals, now),
      }));
      this.report(source, prev, r);
      results.push(r);
    }
    return results;
  }

  /** One log line per failure streak (its first error, then its recovery); the rest at debug level. */
  private report(source: SourceConfig, prev: SourceState, r: CheckResult): void {
    const log = this.o.logger;
    if (r.ok) {
      const what = r.notModified
        ? 'not modified'
        : `${r.documents} new or changed, ${r.proposals.length} proposed`;
      if (prev.consecutiveErrors > 0)
        log?.info(
          `source ${source.id}: reachable again after ${prev.consecutiveErrors} failed checks; ${what}`,
        );
      else log?.debug(`source ${source.id}: ${what}`);
      return;
    }
    const line = `source ${source.id}: ${r.error.kind}: ${r.error.message}`;
    if (prev.consecutiveErrors === 0)
      log?.warn(
        `${line} (retrying with backoff; \`sources\` shows its state; further failures are logged at debug level)`,
      );
    else log?.debug(`${line} (${r.state.consecutiveErrors} in a row)`);
  }

  /**
   * Computes the next state from the current one and saves it (through `commit`, else onChange), then makes it
   * current. Changes are applied one at a time, so a decision during a check is never lost. When onChange fails
   * the old state stays and false is returned; a `commit` error propagates.
   */
  private adopt(
    change: (state: WatcherState) => WatcherState | null,
    commit?: (state: WatcherState) => Promise<WatcherState | undefined>,
  ): Promise<boolean> {
    const step = this.queue.then(async () => {
      let next = change(this.state);
      if (!next) return false;
      if (commit) next = (await commit(structuredClone(next))) ?? next;
      else
        try {
          await this.o.onChange?.(structuredClone(next));
        } catch (e) {
          this.o.logger?.error('sources: could not save the watcher state; the check will be repeated', e);
          return false;
        }
      this.state = next;
      return true;
    });
    this.queue = step.catch(() => false);
    return step;
  }
}
