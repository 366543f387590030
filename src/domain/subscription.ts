import { z } from 'zod';
import { EventKind } from './event.js';
import { CountryCode, Instant, TimeZone } from './primitives.js';

export const Platform = z.enum(['console', 'slack', 'discord']);
export type Platform = z.infer<typeof Platform>;

/** Where a message goes: a platform and that platform's channel id. */
export const ChannelRef = z.strictObject({
  platform: Platform,
  id: z.string().min(1).max(100),
});
export type ChannelRef = z.infer<typeof ChannelRef>;

export const channelKey = (c: ChannelRef): string => `${c.platform}:${c.id}`;

export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time from 00:00 to 23:59');

/** Reminder lead times a channel gets unless it chooses others (7 days, 1 day and 1 hour before), in minutes. */
export const DEFAULT_LEAD_MINUTES: readonly number[] = [7 * 24 * 60, 24 * 60, 60];

/** A channel's standing order for a daily digest and reminders. */
export const Subscription = z.strictObject({
  channel: ChannelRef,
  digestTime: ClockTime.default('08:00'),
  timeZone: TimeZone.default('UTC'),
  weekdaysOnly: z.boolean().default(false),
  weeklyOutlook: z.boolean().default(false),
  /** Editors' channels: the digest also lists items whose date passed with no outcome recorded. */
  review: z.boolean().optional(),
  /** Reminder lead times in minutes before the item. */
  leadMinutes: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 60),
    )
    .default(() => [...DEFAULT_LEAD_MINUTES]),
  countries: z.array(CountryCode).default([]),
  kinds: z.array(EventKind).default([]),
  /** Post each new proposal from the official sources here, with Accept / Reject buttons. */
  proposals: z.boolean().default(false),
  createdAt: Instant,
  createdBy: z.string().min(1),
});
export type Subscription = z.infer<typeof Subscription>;

/** One delivery occurrence, keyed uniquely so it is never sent twice. */
export const LedgerEntry = z.strictObject({
  key: z.string().min(1),
  channel: ChannelRef,
  kind: z.enum(['digest', 'weekly', 'reminder', 'notice', 'proposal']),
  itemId: z.string().optional(),
  /** pending: being posted (a retry re-posts with the same key, which the platform dedupes). */
  state: z.enum(['pending', 'sent', 'missed', 'failed']),
  dueAt: Instant,
  doneAt: Instant.optional(),
  late: z.boolean().default(false),
  attempts: z.number().int().min(0).default(0),
  nextAttemptAt: Instant.optional(),
  lastError: z.string().max(300).optional(),
  messageRef: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;
