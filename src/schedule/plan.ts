import { type ChannelRef, channelKey, type Subscription } from '../domain/subscription.js';
import { startOfDay } from '../domain/time.js';
import type { Timeline } from '../domain/timeline.js';
import { statusAt, type TimelineItem } from '../domain/timeline-item.js';
import type { AuditEntry } from '../store/schema.js';
import { digestTimes } from './digest-times.js';
import { type Occurrence, sortOccurrences } from './occurrence.js';

/** What planning reads: subscriptions, the timeline, and what the ledger already holds. */
export interface PlanState {
  readonly subscriptions: readonly Subscription[];
  readonly timeline: Timeline;
  /** The store's audit log, oldest first, for announcing cancellations when they happen. */
  readonly audit: readonly AuditEntry[];
  /** Whether a reminder for this item was ever sent to this channel (`channelKey|itemId`). */
  readonly wasReminded: (channelKey: string, itemId: string) => boolean;
}

const HALF_DAY_PLUS = 15 * 3_600_000;
const REMINDED_STATUSES = new Set(['scheduled', 'tentative', 'unknown-outcome']);

export const reminderKey = (channel: ChannelRef, itemId: string, lead: number, startMs: number) =>
  `remind:${channelKey(channel)}:${itemId}:${lead}m:${new Date(startMs).toISOString()}`;

/** When an item starts for a channel: its instant, or the start of its date in the channel's zone. */
function startFor(item: TimelineItem, sub: Subscription): number {
  return item.days ? startOfDay(item.days.start, sub.timeZone) : item.startMs;
}

function follows(sub: Subscription, item: TimelineItem): boolean {
  if (sub.kinds.length && !sub.kinds.includes(item.kind)) return false;
  return !sub.countries.length || sub.countries.some((c) => item.countries.includes(c));
}

function digests(sub: Subscription, from: number, to: number, out: Occurrence[]): void {
  const ck = channelKey(sub.channel);
  for (const d of digestTimes(sub, from, to)) {
    out.push({
      key: `digest:${ck}:${d.date}`,
      channel: sub.channel,
      dueMs: d.ms,
      kind: 'digest',
      localDate: d.date,
    });
    if (sub.weeklyOutlook && d.monday)
      out.push({
        key: `weekly:${ck}:${d.date}`,
        channel: sub.channel,
        dueMs: d.ms,
        kind: 'weekly',
        localDate: d.date,
      });
  }
}

function reminders(state: PlanState, from: number, to: number, out: Occurrence[]): void {
  const byLead = new Map<number, Subscription[]>();
  for (const sub of state.subscriptions)
    for (const lead of sub.leadMinutes) byLead.set(lead, [...(byLead.get(lead) ?? []), sub]);
  for (const [lead, subs] of byLead) {
    const leadMs = lead * 60_000;
    // All-day items start at midnight in each channel's own zone: widen by the largest zone offset.
    const items = state.timeline.between(from + leadMs - HALF_DAY_PLUS, to + leadMs + HALF_DAY_PLUS);
    for (const item of items) {
      // A measure's start or end is a point in time: whether it is still ahead is decided per channel below.
      if (item.origin.type === 'event' && !REMINDED_STATUSES.has(statusAt(item, from + leadMs))) continue;
      for (const sub of subs) {
        const start = startFor(item, sub);
        const due = start - leadMs;
        if (due <= from || due > to || due < Date.parse(sub.createdAt) || !follows(sub, item)) continue;
        const key = reminderKey(sub.channel, item.id, lead, start);
        out.push({
          key,
          channel: sub.channel,
          dueMs: due,
          kind: 'reminder',
          itemId: item.id,
          leadMinutes: lead,
          itemStartMs: start,
        });
      }
    }
  }
}

/** Cancellations and postponements made in the window, announced to channels that had been reminded. */
function notices(state: PlanState, from: number, to: number, out: Occurrence[]): void {
  for (let i = state.audit.length - 1; i >= 0; i--) {
    const e = state.audit[i] as AuditEntry;
    const at = Date.parse(e.at);
    // Inclusive: an edit made in the same millisecond as the last tick is still announced (the key dedupes).
    if (at < from) break;
    if (at > to || e.action !== 'edit' || e.type !== 'event') continue;
    const status = (e.after as { status?: string } | undefined)?.status;
    if (status !== 'cancelled' && status !== 'postponed') continue;
    if ((e.before as { status?: string } | undefined)?.status === status) continue;
    for (const sub of state.subscriptions) {
      const ck = channelKey(sub.channel);
      if (!state.wasReminded(ck, e.id)) continue;
      out.push({
        key: `notice:${ck}:${e.id}:${status}:${e.seq}`,
        channel: sub.channel,
        dueMs: at,
        kind: 'notice',
        itemId: e.id,
        status,
      });
    }
  }
}

/** Every occurrence due in (fromMs, toMs], in delivery order. Pure: the same state and window give the same plan. */
export function due(state: PlanState, fromMs: number, toMs: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (const sub of state.subscriptions)
    digests(sub, Math.max(fromMs, Date.parse(sub.createdAt) - 1), toMs, out);
  reminders(state, fromMs, toMs, out);
  notices(state, fromMs, toMs, out);
  return sortOccurrences(out);
}
