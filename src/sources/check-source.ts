import { contentDigest } from './document.js';
import type { Fetcher } from './fetcher.js';
import { type Proposal, propose } from './proposal.js';
import { readSource } from './read-source.js';
import { matchRule } from './relevance.js';
import { asSourceError, type SourceError } from './source-error.js';
import type { SourceConfig } from './sources-file.js';
import { backoffMs, MAX_SEEN, type SourceState } from './watcher-state.js';

/** The outcome of one check: the source's next state and its proposals, or its error and nothing else new. */
export type CheckResult =
  | {
      sourceId: string;
      ok: true;
      notModified: boolean;
      state: SourceState;
      proposals: Proposal[];
      documents: number;
    }
  | { sourceId: string; ok: false; state: SourceState; error: SourceError };

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const dateIn = (ms: number, zone: string) => new Date(ms).toLocaleDateString('en-CA', { timeZone: zone });

/**
 * Checks one source at `now`. Everything is fetched and parsed before anything is decided, so a failure anywhere
 * returns the previous state with only the error, the check time and the backoff changed.
 */
export async function checkSource(
  source: SourceConfig,
  prev: SourceState,
  proposals: readonly Proposal[],
  fetcher: Fetcher,
  now: number,
): Promise<CheckResult> {
  const at = new Date(now).toISOString();
  const today = dateIn(now, source.timeZone);
  // Searches start from the last good check's day less the look-back (so a long outage is caught up), and documents
  // older than that are remembered but never proposed as new: a first check does not flood editors.
  const since = addDays(prev.cursor && prev.cursor < today ? prev.cursor : today, -source.lookbackDays);
  const counts = { ...prev.counts, checks: prev.counts.checks + 1 };
  try {
    const read = await readSource(source, prev, since, fetcher);
    const next = {
      ...prev,
      lastCheck: at,
      lastSuccess: at,
      lastError: null,
      consecutiveErrors: 0,
      nextCheckAt: new Date(now + source.interval).toISOString(),
    };
    if (read.notModified) {
      const state = { ...next, counts: { ...counts, notModified: counts.notModified + 1 } };
      return { sourceId: source.id, ok: true, notModified: true, state, proposals: [], documents: 0 };
    }
    const seen = new Map(prev.seen);
    const made: Proposal[] = [];
    let changed = 0;
    for (const doc of read.documents) {
      const digest = contentDigest(doc);
      if (seen.get(doc.key) === digest) continue;
      changed++;
      seen.delete(doc.key);
      seen.set(doc.key, digest);
      const recent = !doc.publicationDate || doc.publicationDate >= since;
      const p = propose(source, doc, recent ? matchRule(source, doc) : null, [...proposals, ...made], at);
      if (p) made.push(p);
    }
    const state: SourceState = {
      ...next,
      url: read.url,
      etag: read.etag,
      lastModified: read.lastModified,
      cursor: today,
      seen: [...seen].slice(-MAX_SEEN),
      counts: {
        ...counts,
        documents: counts.documents + changed,
        proposals: counts.proposals + made.length,
        duplicates: counts.duplicates + read.duplicates,
      },
    };
    return { sourceId: source.id, ok: true, notModified: false, state, proposals: made, documents: changed };
  } catch (e) {
    const error = asSourceError(e);
    const n = prev.consecutiveErrors + 1;
    const wait = backoffMs(source.interval, n, error.retryAfterMs);
    const state: SourceState = {
      ...prev,
      lastCheck: at,
      lastError: { kind: error.kind, message: error.message, at },
      consecutiveErrors: n,
      nextCheckAt: new Date(now + wait).toISOString(),
      counts: { ...counts, errors: counts.errors + 1 },
    };
    return { sourceId: source.id, ok: false, state, error };
  }
}
