import { z } from 'zod';
import { Instant, IsoDate } from '../domain/primitives.js';
import { Proposal } from './proposal.js';
import { SOURCE_ERROR_KINDS } from './source-error.js';

/** How many document keys a source remembers; past that the oldest are forgotten (proposals still block repeats). */
export const MAX_SEEN = 2000;

export const SourceCounts = z.object({
  checks: z.number().int().min(0),
  notModified: z.number().int().min(0),
  errors: z.number().int().min(0),
  documents: z.number().int().min(0),
  proposals: z.number().int().min(0),
  duplicates: z.number().int().min(0),
});
export type SourceCounts = z.infer<typeof SourceCounts>;

/** What the watcher remembers of one source between checks; serializable, to be kept in the store. */
export const SourceState = z.object({
  /** The URL the validators belong to: they are only sent again to the same URL. */
  url: z.string().nullable(),
  etag: z.string().max(500).nullable(),
  lastModified: z.string().max(100).nullable(),
  /** The day of the last good check (in the source's zone): the next search starts there, less the look-back. */
  cursor: IsoDate.nullable(),
  /** [document key, content digest] pairs, oldest first, at most MAX_SEEN. */
  seen: z.array(z.tuple([z.string(), z.string()])).max(MAX_SEEN),
  lastCheck: Instant.nullable(),
  lastSuccess: Instant.nullable(),
  lastError: z.object({ kind: z.enum(SOURCE_ERROR_KINDS), message: z.string(), at: Instant }).nullable(),
  consecutiveErrors: z.number().int().min(0),
  nextCheckAt: Instant.nullable(),
  counts: SourceCounts,
});
export type SourceState = z.infer<typeof SourceState>;

/** Everything the watcher keeps: each source's state and every proposal made (decided ones block repeats). */
export const WatcherState = z.object({
  version: z.literal(1),
  sources: z.record(z.string(), SourceState),
  proposals: z.array(Proposal),
});
export type WatcherState = z.infer<typeof WatcherState>;

/** The state of a source never checked. */
export const freshSourceState = (): SourceState => ({
  url: null,
  etag: null,
  lastModified: null,
  cursor: null,
  seen: [],
  lastCheck: null,
  lastSuccess: null,
  lastError: null,
  consecutiveErrors: 0,
  nextCheckAt: null,
  counts: { checks: 0, notModified: 0, errors: 0, documents: 0, proposals: 0, duplicates: 0 },
});

export const emptyWatcherState = (): WatcherState => ({ version: 1, sources: {}, proposals: [] });

const MAX_BACKOFF_MS = 12 * 3600_000;

/** When to try again after the `n`th error in a row: the interval doubled each time, capped, never sooner than asked. */
export function backoffMs(intervalMs: number, n: number, retryAfterMs?: number): number {
  const doubled = intervalMs * 2 ** Math.min(Math.max(n - 1, 0), 20);
  return Math.max(Math.min(doubled, Math.max(MAX_BACKOFF_MS, intervalMs)), retryAfterMs ?? 0);
}
