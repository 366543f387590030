import type { ChannelRef } from '../domain/subscription.js';

/** Something to post to one channel at one instant, keyed so it is posted at most once. */
export interface Occurrence {
  readonly key: string;
  readonly channel: ChannelRef;
  readonly dueMs: number;
  readonly kind: 'digest' | 'weekly' | 'reminder' | 'notice' | 'proposal';
  /** The channel's local date of a digest. */
  readonly localDate?: string;
  /** The item reminded of, or the proposal posted. */
  readonly itemId?: string;
  readonly leadMinutes?: number;
  /** The item's start as reminded, in the channel's zone for all-day items. */
  readonly itemStartMs?: number;
  /** For a notice: the status announced (cancelled or postponed). */
  readonly status?: string;
}

const byDue = (a: Occurrence, b: Occurrence) => a.dueMs - b.dueMs || a.key.localeCompare(b.key);

/** Sorts occurrences by due time, then key, so delivery order is stable. */
export const sortOccurrences = (list: Occurrence[]): Occurrence[] => list.sort(byDue);
