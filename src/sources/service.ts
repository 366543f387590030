import type { Clock } from '../clock.js';
import type { Logger } from '../log/logger.js';
import type { Observer } from '../observer.js';
import { CatalogError } from '../store/catalog.js';
import type { Store } from '../store/store.js';
import { type AcceptOutcome, type AcceptOverrides, applyProposal } from './accept.js';
import type { CheckResult } from './check-source.js';
import type { Fetcher, FetchRequest } from './fetcher.js';
import type { Proposal } from './proposal.js';
import { SourceError } from './source-error.js';
import type { SourceConfig } from './sources-file.js';
import { SourceWatcher } from './watcher.js';

/** How often the scheduler's ticks may start a check of the sources that are due. */
export const CHECK_EVERY_MS = 60_000;

export interface SourcesServiceOptions {
  sources: readonly SourceConfig[];
  fetcher: Fetcher;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Whether the scheduler checks sources in the background (SOURCES_ENABLED). */
  background: boolean;
  /** Set when the store belongs to another process: nothing is checked or decided here. */
  readOnlyBecause?: string;
  /** Told of every check and the proposals it made (the metrics). */
  observer?: Observer;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The official sources as the bot uses them: the watcher over the store (its state saved in the same file),
 * checked in the background, and the editor's decisions on its proposals applied to the timeline.
 */
export class SourcesService {
  readonly watcher: SourceWatcher;
  private lastTick = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: SourcesServiceOptions) {
    // The first background check waits a minute: start-up stays quick and quiet, and a restart loop never hammers.
    this.lastTick = o.clock.now();
    this.watcher = new SourceWatcher({
      sources: o.sources,
      fetcher: o.fetcher,
      state: o.store.read().watcher,
      logger: o.log,
      onChange: (state) =>
        o.store.update((d) => {
          d.watcher = state;
        }),
    });
  }

  /** The configured sources, in file order. */
  get sources(): readonly SourceConfig[] {
    return this.o.sources;
  }

  /** Whether background checks are on. */
  get background(): boolean {
    return this.o.background;
  }

  /**
   * Called by the scheduler on every tick: starts a check of the due sources at most once a minute, in the
   * background (never awaited by the tick), and never throws.
   */
  tick(): void {
    const now = this.o.clock.now();
    if (!this.o.background || this.o.readOnlyBecause !== undefined) return;
    if (now - this.lastTick < CHECK_EVERY_MS) return;
    this.lastTick = now;
    this.watcher
      .checkDue(now)
      .then((results) => this.report(results))
      .catch((err) => this.o.log.error('checking the sources failed', err));
  }

  /** Tells the observer how each check ended and how many proposals it made. */
  private report(results: readonly CheckResult[]): void {
    for (const r of results) {
      this.o.observer?.sourceCheck?.(r.sourceId, !r.ok ? 'failed' : r.notModified ? 'unchanged' : 'ok');
      if (r.ok && r.proposals.length) this.o.observer?.proposals?.(r.sourceId, r.proposals.length);
    }
  }

  /** Checks every enabled source now (`sources check`). */
  async checkAll(): Promise<Decision<CheckResult[]>> {
    const refused = this.refusal('sources check');
    if (refused) return refused;
    const results = await this.watcher.checkAll(this.o.clock.now());
    this.report(results);
    return { ok: true, value: results };
  }

  /** Turns a pending proposal into timeline items and records the decision, in one write. */
  async accept(
    id: string,
    overrides: AcceptOverrides,
    actor: string,
    focusCountry: string,
  ): Promise<Decision<AcceptOutcome>> {
    const refused = this.refusal('accept');
    if (refused) return refused;
    const p = this.watcher.proposals().find((x) => x.id === id);
    if (!p) return this.notPending(id);
    const earlier = this.watcher.proposals(true).find((x) => x.id === p.editOf);
    const source = this.o.sources.find((s) => s.id === p.sourceId);
    const now = this.o.clock.now();
    const env = {
      zone: source?.timeZone ?? 'America/New_York',
      focusCountry,
      todayMs: Date.parse(new Date(now).toISOString().slice(0, 10)),
      actor,
      at: new Date(now).toISOString(),
    };
    let outcome: AcceptOutcome | undefined;
    try {
      const done = await this.watcher.decide(id, 'accepted', now, {}, (state) =>
        this.o.store.update((d) => {
          outcome = applyProposal(d, p, earlier, overrides, env);
          const ids = outcome.ids;
          d.watcher = {
            ...state,
            proposals: state.proposals.map((x) => (x.id === id ? { ...x, itemIds: ids } : x)),
          };
          return structuredClone(d.watcher);
        }),
      );
      if (!done || !outcome) return this.notPending(id);
    } catch (err) {
      if (err instanceof CatalogError) return { ok: false, error: `${err.message} Nothing was changed.` };
      throw err;
    }
    return { ok: true, value: outcome };
  }

  /** Reads one address with the sources' fetcher (timeouts, a size cap, http(s) redirects only): `import url:`. */
  async fetchText(url: string, expect: FetchRequest['expect']): Promise<Decision<string>> {
    try {
      const r = await this.o.fetcher({ url, expect });
      return r.status === 'ok'
        ? { ok: true, value: r.body }
        : { ok: false, error: 'the server sent no body' };
    } catch (e) {
      return { ok: false, error: e instanceof SourceError ? e.message : 'it could not be read' };
    }
  }

  /**
   * Adds proposals from outside the background checks (a calendar import, `sourceId`) to the review queue in one
   * write; `make` sees every proposal so far, so nothing is proposed twice.
   */
  async addProposals(
    sourceId: string,
    make: (proposals: readonly Proposal[]) => Proposal[],
  ): Promise<Decision<Proposal[]>> {
    const refused = this.refusal('import');
    if (refused) return refused;
    const made = await this.watcher.addProposals(make);
    if (!made)
      return { ok: false, error: 'The proposals could not be saved to the store. Nothing was changed.' };
    if (made.length) this.o.observer?.proposals?.(sourceId, made.length);
    return { ok: true, value: made };
  }

  /** Drops a pending proposal, with the editor's reason if given. */
  async reject(id: string, reason: string | undefined, _actor: string): Promise<Decision<true>> {
    const refused = this.refusal('reject');
    if (refused) return refused;
    const now = this.o.clock.now();
    const done = await this.watcher.decide(id, 'rejected', now, reason ? { reason } : {});
    return done ? { ok: true, value: true } : this.notPending(id);
  }

  private refusal(what: string): Decision<never> | undefined {
    if (this.o.readOnlyBecause === undefined) return undefined;
    return {
      ok: false,
      error: `The store is in use by ${this.o.readOnlyBecause}, so \`${what}\` was not run and nothing changed. Run it there (its terminal, Slack or Discord).`,
    };
  }

  private notPending(id: string): Decision<never> {
    const p = this.watcher.proposals(true).find((x) => x.id === id);
    return {
      ok: false,
      error: p
        ? `Proposal \`${id}\` was already ${p.status}${p.decidedAt ? ` on ${p.decidedAt.slice(0, 10)}` : ''}. Nothing was changed.`
        : `No proposal has id \`${id}\`. See the pending ones with \`/trade proposals\`. Nothing was changed.`,
    };
  }
}
