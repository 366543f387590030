import type { Bot } from '../bot.js';
import { type ChannelRef, channelKey, type LedgerEntry } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import type { Observer } from '../observer.js';
import type { Reply } from '../render/reply.js';
import type { StoreData } from '../store/schema.js';
import { DEFAULT_FAN_OUT, type FanOutLimits, fanOut } from './fan-out.js';
import { LedgerIndex } from './ledger-index.js';
import { type Lateness, occurrenceReply } from './messages.js';
import type { Occurrence } from './occurrence.js';
import { due } from './plan.js';
import { PROPOSAL_GRACE_MS, proposalPosts } from './proposal-posts.js';
import { ResultBatches } from './result-batches.js';

/**
 * Posts a message to a channel; `key` is the ledger key, which the platform uses to refuse duplicates;
 * `attempt` counts from 1, and a platform looks for an earlier copy only on a retry.
 */
export type Deliver = (
  channel: ChannelRef,
  reply: Reply,
  key: string,
  attempt: number,
) => Promise<{ ref?: string } | undefined>;

export interface SchedulerOptions {
  /** How late a missed reminder may still be sent. Default 6 hours. */
  readonly reminderGraceMs: number;
  /** How late a missed digest may still be sent. Default 2 hours. */
  readonly digestGraceMs: number;
  /** How far back a restart looks for what it missed. Default 7 days. */
  readonly lookbackMs: number;
  /** First retry delay after a failed post; doubles each time, capped at 15 minutes. */
  readonly retryBaseMs: number;
  /**
   * How long a claimed post is held for the replica that claimed it: no other replica takes it over before. It
   * must exceed a round's longest delivery plus how far replicas' clocks may differ (each reads the lease on its
   * own clock). Default 2 minutes.
   */
  readonly leaseMs: number;
  /** How often the cursor is saved when nothing else is written. Default 10 minutes. */
  readonly cursorEveryMs: number;
  /** Told of every post's outcome and of every finished round (metrics, health). */
  readonly observer?: Observer;
  /** Posts of each platform in flight at once within a round (see FanOutLimits); 1 everywhere posts one by one. */
  readonly fanOut: FanOutLimits;
  /**
   * The platforms this process posts to (default: all). Posts to the others are neither claimed nor sent here: a
   * replica without the Discord token leaves Discord's posts to the replica that has it. Any replica still records
   * a post missed once its grace has passed.
   */
  readonly platforms?: readonly string[];
  /** Results are written in batches of this many posts, or this long after the first one unwritten. */
  readonly resultBatch: { readonly size: number; readonly everyMs: number };
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  reminderGraceMs: 6 * 3_600_000,
  digestGraceMs: 2 * 3_600_000,
  lookbackMs: 7 * 86_400_000,
  retryBaseMs: 30_000,
  leaseMs: 2 * 60_000,
  cursorEveryMs: 10 * 60_000,
  fanOut: DEFAULT_FAN_OUT,
  resultBatch: { size: 250, everyMs: 2_000 },
};

export interface TickResult {
  readonly sent: number;
  readonly missed: number;
  readonly failed: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How long settled ledger entries are kept: well past the 7-day lookback, for notices and audits. */
const LEDGER_KEEP_MS = 60 * 86_400_000;

/** A post due less than this before the bot came up is on time: the bot was starting, not offline. */
const START_TOLERANCE_MS = 60_000;

/** Plans what is due since the last tick and delivers it through the ledger: once, late if need be, or recorded missed. */
export class Scheduler {
  private readonly options: SchedulerOptions;
  private index: { revision: number; ledger: LedgerIndex } | undefined;
  private running: Promise<TickResult> | undefined;
  private lastCursorSave = 0;
  /** The bot's clock at this scheduler's first round: posts due before it came due while the bot was down. */
  private onlineSince: number | undefined;

  constructor(
    private readonly bot: Bot,
    private readonly deliver: Deliver,
    private readonly log: Logger,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
  }

  private ledger(): LedgerIndex {
    const { store } = this.bot;
    if (!this.index || this.index.revision !== store.revision)
      this.index = { revision: store.revision, ledger: new LedgerIndex(store.read().ledger) };
    return this.index.ledger;
  }

  /** Runs one planning and delivery round; overlapping calls share the round in progress. */
  tick(): Promise<TickResult> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves when no round is in progress. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** The occurrences due between the saved cursor and now, with what the ledger says of each. */
  plan(nowMs: number): Occurrence[] {
    const data = this.bot.store.read();
    const ledger = this.ledger();
    const firstSub = Math.min(...data.subscriptions.map((s) => Date.parse(s.createdAt)));
    let from = data.scheduler.cursor ? Date.parse(data.scheduler.cursor) : Math.min(firstSub, nowMs);
    if (ledger.earliestPendingMs !== undefined) from = Math.min(from, ledger.earliestPendingMs - 1);
    from = Math.max(from, nowMs - this.options.lookbackMs);
    return due(
      {
        subscriptions: data.subscriptions,
        timeline: this.bot.timeline(),
        audit: data.audit,
        wasReminded: ledger.wasReminded,
      },
      from,
      nowMs,
    );
  }

  /** How long after a failed attempt the next one is made: retryBaseMs doubling with each attempt, at most 15 minutes. */
  private backoff(attempts: number): number {
    return Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), 15 * 60_000);
  }

  private grace(occ: Pick<Occurrence, 'kind'>): number {
    if (occ.kind === 'proposal') return PROPOSAL_GRACE_MS;
    return occ.kind === 'digest' || occ.kind === 'weekly'
      ? this.options.digestGraceMs
      : this.options.reminderGraceMs;
  }

  /**
   * Why a post is late, on the bot's clock: due before this process came up (offline), or a retry. A post due
   * between two rounds is on time however far apart the rounds are (a fast clock takes minutes per tick).
   */
  private lateness(occ: Occurrence, attempts: number): Lateness {
    if (occ.dueMs < (this.onlineSince ?? 0) - START_TOLERANCE_MS) return 'offline';
    return attempts > 1 ? 'retry' : undefined;
  }

  private async round(): Promise<TickResult> {
    const now = this.bot.clock.now();
    this.onlineSince ??= now;
    const ledger = this.ledger();
    const toSend: Occurrence[] = [];
    const settled: LedgerEntry[] = [];
    /** Due times of posts for platforms this process does not serve: the cursor waits for them. */
    const leftToOthers: number[] = [];
    const data = this.bot.store.read();
    const planned = [...this.plan(now), ...proposalPosts(data.subscriptions, data.watcher.proposals)];
    // A pending post whose occurrence is no longer planned (its item moved or went) and is past grace is given up.
    const keys = new Set(planned.map((o) => o.key));
    for (const e of ledger.pending) {
      const grace = this.grace(e);
      if (!keys.has(e.key) && now - Date.parse(e.dueAt) > grace)
        settled.push({ ...e, state: 'failed', doneAt: iso(now) });
    }
    for (const occ of planned) {
      const entry = ledger.get(occ.key);
      if (entry && entry.state !== 'pending') continue;
      if (entry?.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now) continue;
      const base = {
        key: occ.key,
        channel: occ.channel,
        kind: occ.kind,
        itemId: occ.itemId,
        dueAt: iso(occ.dueMs),
      };
      if (now - occ.dueMs > this.grace(occ)) {
        const state = entry ? 'failed' : 'missed';
        settled.push({
          ...base,
          state,
          doneAt: iso(now),
          late: true,
          attempts: entry?.attempts ?? 0,
          // A pending post past grace may or may not have reached the channel (the bot stopped mid-post).
          lastError: entry
            ? `not confirmed within grace: ${entry.lastError ?? 'the bot stopped while posting'}`.slice(
                0,
                300,
              )
            : undefined,
        });
      } else if (!this.options.platforms || this.options.platforms.includes(occ.channel.platform))
        toSend.push(occ);
      else leftToOthers.push(occ.dueMs);
    }
    // Claim everything about to be posted (recorded pending) first: a crash from here on re-posts with the same
    // key, and a replica on the same database sends only what it won. The claim is leased: until nextAttemptAt
    // no replica takes it over, and one that does later counts the attempts already made (the store says how
    // many), so its retry looks for the post in the channel first. A big round runs longer than the lease's base
    // (1,000 posts at Discord's 50 a second take 20 s), so the lease grows by 25 ms a post beyond the first 100, and
    // no replica takes over a post still waiting its turn.
    const allowance = Math.max(0, toSend.length - 100) * 25;
    const toClaim = toSend.map((occ): LedgerEntry => {
      const attempts = (ledger.get(occ.key)?.attempts ?? 0) + 1;
      const lease = Math.max(this.options.leaseMs, this.backoff(attempts));
      return {
        key: occ.key,
        channel: occ.channel,
        kind: occ.kind,
        itemId: occ.itemId,
        state: 'pending',
        dueAt: iso(occ.dueMs),
        late: this.lateness(occ, attempts) !== undefined,
        attempts,
        nextAttemptAt: iso(now + lease + allowance),
      };
    });
    if (settled.length) await this.write(settled, undefined);
    const won = toClaim.length ? await this.bot.store.claim(toClaim, now) : [];
    const byKey = new Map(toSend.map((occ) => [occ.key, occ]));
    const jobs = won.flatMap((pending) => {
      const occ = byKey.get(pending.key);
      return occ ? [{ occ, pending, platform: occ.channel.platform, channel: occ.channel.id }] : [];
    });
    const { size, everyMs } = this.options.resultBatch;
    const batches = new ResultBatches<LedgerEntry>((batch) => this.write(batch, undefined), size, everyMs);
    const done = await fanOut(jobs, this.options.fanOut, async (job) => {
      const result = await this.send(job.occ, job.pending);
      batches.add(result);
      return result;
    });
    const cursor = Math.min(this.safeCursor(now, done), ...leftToOthers.map((ms) => ms - 1));
    const saveCursor = done.length > 0 || now - this.lastCursorSave >= this.options.cursorEveryMs;
    await batches.close(async (rest) => {
      if (rest.length || saveCursor) await this.write(rest, saveCursor ? cursor : undefined);
    });
    if (saveCursor) this.lastCursorSave = now;
    this.report(now, [...settled, ...done]);
    return {
      sent: done.filter((e) => e.state === 'sent').length,
      missed: settled.filter((e) => e.state === 'missed').length,
      failed: settled.filter((e) => e.state === 'failed').length,
    };
  }

  /** Tells the observer how each post ended (a failed attempt, even one retried later, counts as failed) and that a round ran. */
  private report(now: number, entries: readonly LedgerEntry[]): void {
    const o = this.options.observer;
    if (!o) return;
    for (const e of entries) {
      const outcome =
        e.state === 'sent' ? (e.late ? 'late' : 'sent') : e.state === 'pending' ? 'failed' : e.state;
      o.delivery?.({ platform: e.channel.platform, kind: e.kind, outcome });
    }
    // Lag: how long after its due time the latest post of this round went out (0 when none went out).
    const lateness = entries.filter((e) => e.state === 'sent').map((e) => now - Date.parse(e.dueAt));
    const pending = this.bot.store.read().ledger.filter((e) => e.state === 'pending').length;
    o.tick?.(now, Math.max(0, ...lateness) / 1000, pending);
  }

  /** The cursor may not pass a post still pending, so the next round retries it. */
  private safeCursor(now: number, done: LedgerEntry[]): number {
    const stillPending = done.filter((e) => e.state === 'pending').map((e) => Date.parse(e.dueAt) - 1);
    return Math.min(now, ...stillPending);
  }

  private async send(occ: Occurrence, pending: LedgerEntry): Promise<LedgerEntry> {
    const sub = this.bot.store
      .read()
      .subscriptions.find((s) => channelKey(s.channel) === channelKey(occ.channel));
    const ctx = this.bot.context(
      { platform: occ.channel.platform, id: 'scheduler', isEditor: false },
      occ.channel,
      sub?.timeZone,
    );
    const late = this.lateness(occ, pending.attempts);
    let reply: Reply | undefined;
    try {
      reply = occurrenceReply(occ, ctx, this.ledger().lastDigestMs(channelKey(occ.channel)), late);
    } catch (err) {
      // One post that cannot be built (a bad item) is given up, never the round: the rest still go out.
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`could not build ${occ.key}; it is not posted`, message);
      return {
        ...pending,
        state: 'failed',
        doneAt: iso(this.bot.clock.now()),
        lastError: message.slice(0, 300),
      };
    }
    const now = ctx.now();
    if (!reply) return { ...pending, state: 'missed', doneAt: iso(now), lastError: 'the item was removed' };
    try {
      const r = await this.deliver(occ.channel, reply, occ.key, pending.attempts);
      return {
        ...pending,
        state: 'sent',
        doneAt: iso(this.bot.clock.now()),
        nextAttemptAt: undefined,
        messageRef: r?.ref,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn(`posting ${occ.key} failed (attempt ${pending.attempts}); will retry`, message);
      // Not in flight any more: the lease gives way to the backoff, and any replica may make the next attempt.
      const next = iso(this.bot.clock.now() + this.backoff(pending.attempts));
      return { ...pending, nextAttemptAt: next, lastError: message.slice(0, 300) };
    }
  }

  private write(entries: readonly LedgerEntry[], cursor: number | undefined): Promise<void> {
    return this.bot.store.update((d: StoreData) => {
      if (entries.length) {
        const at = new Map(d.ledger.map((e, i) => [e.key, i]));
        for (const e of entries) {
          const i = at.get(e.key);
          if (i === undefined) d.ledger.push(e);
          else d.ledger[i] = e;
        }
      }
      if (cursor !== undefined) {
        d.scheduler = { ...d.scheduler, cursor: iso(cursor) };
        // Settled entries far older than any window planning can reach again are dropped, so the store stays small.
        const horizon = cursor - LEDGER_KEEP_MS;
        if (Date.parse(d.ledger[0]?.dueAt ?? '') < horizon)
          d.ledger = d.ledger.filter((e) => e.state === 'pending' || Date.parse(e.dueAt) >= horizon);
      }
    });
  }
}
