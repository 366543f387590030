import { localMidnight } from '../domain/moment.js';
import { type ChannelRef, channelKey, type Subscription } from '../domain/subscription.js';
import type { Timeline } from '../domain/timeline.js';
import { statusAt, type TimelineItem } from '../domain/timeline-item.js';
import type { AuditEntry } from '../store/schema.js';
import { type DigestSlot, digestTimes, mayFall, type WindowMemo, windowMemo } from './digest-times.js';
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

/** How far an all-day item's midnight can be from the same date's midnight in another zone (UTC-12 to UTC+14). */
const ZONE_SPREAD = 27 * 3_600_000;
const REMINDED_STATUSES = new Set(['scheduled', 'tentative', 'unknown-outcome']);

export const reminderKey = (channel: ChannelRef, itemId: string, lead: number, startMs: number) =>
  `remind:${channelKey(channel)}:${itemId}:${lead}m:${new Date(startMs).toISOString()}`;

function follows(sub: Subscription, item: TimelineItem): boolean {
  if (sub.kinds.length && !sub.kinds.includes(item.kind)) return false;
  return !sub.countries.length || sub.countries.some((c) => item.countries.includes(c));
}

interface Memo {
  readonly slots: Map<string, DigestSlot[]>;
  readonly window: WindowMemo;
}

function digests(sub: Subscription, from: number, to: number, memo: Memo, out: Occurrence[]): void {
  const ck = channelKey(sub.channel);
  for (const d of digestTimes(sub, from, to, memo.slots, memo.window)) {
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

/** Subscriptions grouped by lead time, then by zone: an all-day item's start is worked out once per zone. */
function byLeadAndZone(subs: readonly Subscription[]): Map<number, Map<string, Subscription[]>> {
  const groups = new Map<number, Map<string, Subscription[]>>();
  for (const sub of subs)
    for (const lead of sub.leadMinutes) {
      const zones = groups.get(lead) ?? new Map<string, Subscription[]>();
      groups.set(lead, zones);
      const list = zones.get(sub.timeZone);
      if (list) list.push(sub);
      else zones.set(sub.timeZone, [sub]);
    }
  return groups;
}

function reminderOf(
  sub: Subscription,
  item: TimelineItem,
  lead: number,
  start: number,
  due: number,
): Occurrence {
  return {
    key: reminderKey(sub.channel, item.id, lead, start),
    channel: sub.channel,
    dueMs: due,
    kind: 'reminder',
    itemId: item.id,
    leadMinutes: lead,
    itemStartMs: start,
  };
}

function reminders(state: PlanState, from: number, to: number, memo: WindowMemo, out: Occurrence[]): void {
  for (const [lead, zones] of byLeadAndZone(state.subscriptions)) {
    const leadMs = lead * 60_000;
    // An all-day item starts at midnight in each channel's own zone: only zones whose clock passes midnight
    // in (from, to] + lead can have one due (most zones, in a one-minute tick, have none).
    const midnightZones = [...zones].filter(([zone]) =>
      mayFall(zone, '00:00', from + leadMs, to + leadMs, memo.walls),
    );
    // Widened by the largest zone offset, for the all-day items.
    const items = state.timeline.between(from + leadMs - ZONE_SPREAD, to + leadMs + ZONE_SPREAD);
    for (const item of items) {
      if (item.days && midnightZones.length === 0) continue;
      if (!item.days && (item.startMs - leadMs <= from || item.startMs - leadMs > to)) continue;
      // A measure's start or end is a point in time: whether it is still ahead is decided per channel below.
      // A reminder always comes before the item starts for its channel, so its status is judged as it was then:
      // never after the item's own start, which for an all-day item east of the channel is earlier.
      const seenAt = Math.min(from + leadMs, item.startMs - 1);
      if (item.origin.type === 'event' && !REMINDED_STATUSES.has(statusAt(item, seenAt))) continue;
      for (const [zone, subs] of item.days ? midnightZones : zones) {
        // When the item starts for this zone: its instant, or the start of its date there.
        const start = item.days ? localMidnight(item.days.start, zone) : item.startMs;
        const due = start - leadMs;
        if (due <= from || due > to) continue;
        for (const sub of subs)
          if (due >= Date.parse(sub.createdAt) && follows(sub, item))
            out.push(reminderOf(sub, item, lead, start, due));
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
  const memo: Memo = { slots: new Map(), window: windowMemo() };
  for (const sub of state.subscriptions) {
    const created = Date.parse(sub.createdAt) - 1;
    // Subscriptions that predate the window share its memoized digest slots.
    if (created <= fromMs) digests(sub, fromMs, toMs, memo, out);
    else digests(sub, created, toMs, { slots: new Map(), window: memo.window }, out);
  }
  reminders(state, fromMs, toMs, memo.window, out);
  notices(state, fromMs, toMs, out);
  return sortOccurrences(out);
}
