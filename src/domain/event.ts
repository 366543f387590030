import { z } from 'zod';
import { Confidence, CountryCode, Instant, Moment, Slug, Source } from './primitives.js';

export const EVENT_KINDS = [
  'meeting',
  'summit',
  'call',
  'deadline',
  'tariff-action',
  'ruling',
  'investigation',
  'hearing',
  'comment-deadline',
  'other',
] as const;
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

export const EVENT_STATUSES = [
  'scheduled',
  'tentative',
  'postponed',
  'held',
  'cancelled',
  'passed',
  'unknown-outcome',
] as const;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;

/** A meeting, ruling, deadline or other dated item on the trade timeline. */
export const TradeEvent = z.strictObject({
  id: Slug,
  title: z.string().min(3).max(200),
  kind: EventKind,
  start: Moment,
  end: Moment.optional(),
  status: EventStatus,
  countries: z.array(CountryCode).min(1),
  participants: z.array(z.string().min(1).max(120)).default([]),
  location: z.string().max(200).optional(),
  summary: z.string().max(2000).optional(),
  tags: z.array(z.string().min(1).max(40)).default([]),
  sources: z.array(Source).min(1),
  confidence: Confidence,
  /** When an editor recorded, after its date, that the outcome is unknown: the item then leaves the review queue. */
  reviewedAt: Instant.optional(),
});
export type TradeEvent = z.infer<typeof TradeEvent>;
