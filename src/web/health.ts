import type { Store } from '../store/store.js';

/** What /healthz reads: the store, the scheduler's last round (wall clock) and the platforms. */
export interface HealthSources {
  readonly store: Store;
  /** The wall clock, for the age of the last round. */
  readonly now: () => number;
  /** When the scheduler last finished a round (wall clock), or undefined before the first. */
  readonly lastTick: () => number | undefined;
  /** Posts pending in the ledger after the last round. */
  readonly pendingPosts: () => number;
  readonly platforms: () => Record<string, boolean>;
  /** A round older than this (ms) makes the bot unhealthy. */
  readonly maxTickAgeMs: number;
  /** When the process started (wall clock): before the first round, its age counts from here. */
  readonly startedAt: number;
  /** Hook for the source watcher (src/sources): its sources and their last checks, shown as `sources`. */
  readonly sources?: () => unknown;
}

/** The /healthz document and whether it is healthy: store open, a recent round, every platform connected. */
export function health(s: HealthSources): { healthy: boolean; body: Record<string, unknown> } {
  const now = s.now();
  const last = s.lastTick();
  const ageMs = now - (last ?? s.startedAt);
  const platforms = s.platforms();
  const problems: string[] = [];
  let revision: number | undefined;
  try {
    revision = s.store.revision;
    s.store.read();
  } catch {
    problems.push('the store cannot be read');
  }
  const online = s.store.online;
  if (online === false)
    problems.push(
      "the store's database is unreachable: changes are refused and deliveries wait until it returns",
    );
  if (ageMs > s.maxTickAgeMs)
    problems.push(`no scheduler round for ${Math.round(ageMs / 1000)} s (limit ${s.maxTickAgeMs / 1000} s)`);
  for (const [name, up] of Object.entries(platforms)) if (!up) problems.push(`${name} is not connected`);
  return {
    healthy: problems.length === 0,
    body: {
      status: problems.length ? 'unhealthy' : 'ok',
      problems,
      store: {
        open: revision !== undefined,
        path: s.store.location,
        revision,
        ...(online === undefined ? {} : { online }),
      },
      scheduler: {
        lastTick: last === undefined ? null : new Date(last).toISOString(),
        ageSeconds: Math.round(ageMs / 100) / 10,
        pendingPosts: s.pendingPosts(),
      },
      platforms,
      ...(s.sources ? { sources: s.sources() } : {}),
    },
  };
}
