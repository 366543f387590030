import { z } from 'zod';
import { CalendarToken } from '../calendar/tokens.js';
import { TradeEvent } from '../domain/event.js';
import { TariffMeasure } from '../domain/measure.js';
import { Instant } from '../domain/primitives.js';
import { LedgerEntry, Subscription } from '../domain/subscription.js';
import { emptyWatcherState, WatcherState } from '../sources/watcher-state.js';

export const SCHEMA_VERSION = 3;

export const ItemType = z.enum(['event', 'measure']);
export type ItemType = z.infer<typeof ItemType>;

export const StoredItem = z.union([
  z.strictObject({ type: z.literal('event'), item: TradeEvent }),
  z.strictObject({ type: z.literal('measure'), item: TariffMeasure }),
]);
export type StoredItem = z.infer<typeof StoredItem>;

/** Who changed what, when, with the item before and after the change. */
export const AuditEntry = z.strictObject({
  seq: z.number().int().min(1),
  at: Instant,
  actor: z.string().min(1),
  action: z.enum(['add', 'edit', 'remove', 'restore']),
  type: ItemType,
  id: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ArchivedItem = z.strictObject({
  removedAt: Instant,
  removedBy: z.string().min(1),
  entry: StoredItem,
});
export type ArchivedItem = z.infer<typeof ArchivedItem>;

/** The scheduler's own state: how far it has planned, and whether the terminal got its default subscription. */
export const SchedulerState = z.strictObject({
  cursor: Instant.optional(),
  /** Set once the terminal got its default subscription, so an unsubscribe sticks. */
  consoleSubscribed: z.boolean().default(false),
});
export type SchedulerState = z.infer<typeof SchedulerState>;

/** The seed file last brought into the store (sha-256 of its bytes). */
export const SeedApplied = z.strictObject({ digest: z.string().min(1), appliedAt: Instant });

/** The whole persisted state of the bot, one JSON document. */
export const StoreData = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    events: z.array(TradeEvent),
    measures: z.array(TariffMeasure),
    archive: z.array(ArchivedItem).default([]),
    audit: z.array(AuditEntry).default([]),
    subscriptions: z.array(Subscription).default([]),
    ledger: z.array(LedgerEntry).default([]),
    /** Everything due up to `cursor` has been planned and settled. */
    scheduler: SchedulerState.default({ consoleSubscribed: false }),
    /** The official-source watcher: each source's cursor, validators, seen-set and counts, and its proposals. */
    watcher: WatcherState.default(emptyWatcherState),
    /** Calendar feed tokens issued by `calendar` (hashed), until revoked with `calendar revoke`. */
    calendarTokens: z.array(CalendarToken).default([]),
    /** The seed file last brought into the store (sha-256 of its bytes), so an unchanged seed is not compared again. */
    seed: SeedApplied.optional(),
  })
  .check((ctx) => {
    // Every command finds an item by its id: two items with one id would hide one of them. Checked only
    // once the rest is valid, so a broken document reports its first real problems.
    if (ctx.issues.length) return;
    const seen = new Map<string, string>();
    for (const kind of ['events', 'measures'] as const)
      ctx.value[kind].forEach((item, i) => {
        const here = `${kind}[${i}] ${JSON.stringify(item.title)}`;
        const first = seen.get(item.id);
        if (first === undefined) seen.set(item.id, here);
        else
          ctx.issues.push({
            code: 'custom',
            input: item.id,
            path: [kind, i, 'id'],
            message: `${here} has the id ${JSON.stringify(item.id)} of ${first} too; give each item its own id`,
          });
      });
  });
export type StoreData = z.infer<typeof StoreData>;

/** The curated seed file: events and measures only. */
export const SeedData = z.strictObject({
  events: z.array(TradeEvent).min(1),
  measures: z.array(TariffMeasure).min(1),
});
export type SeedData = z.infer<typeof SeedData>;
