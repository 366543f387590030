import type { z } from 'zod';
import { CalendarToken } from '../../calendar/tokens.js';
import { TradeEvent } from '../../domain/event.js';
import { TariffMeasure } from '../../domain/measure.js';
import { channelKey, LedgerEntry, Subscription } from '../../domain/subscription.js';
import { Proposal } from '../../sources/proposal.js';
import { SourceState } from '../../sources/watcher-state.js';
import { ArchivedItem, AuditEntry, SCHEMA_VERSION, type SchedulerState, type StoreData } from '../schema.js';

/** The tables holding the store's collections, one row per element. */
export const TABLES = [
  'events',
  'measures',
  'archive',
  'audit',
  'subscriptions',
  'ledger',
  'watcher_sources',
  'proposals',
  'calendar_tokens',
] as const;
export type Table = (typeof TABLES)[number];

/** One element and its row key; undefined when the row key is allocated (archive entries have no natural one). */
export type Entry = readonly [key: string | undefined, value: object];

/** How one collection of the document maps to its table. */
export interface Collection {
  readonly table: Table;
  /** Validates a row's body as it is read. */
  readonly schema: z.ZodType<object>;
  /**
   * Whether a change that overwrites a row someone else changed meanwhile is refused (StoreConflictError). Only
   * for what editors change; the ledger, audit and watcher state are written by the bot, last write wins.
   */
  readonly guarded: boolean;
  /** The elements in order. */
  list(d: StoreData): readonly object[];
  /** The natural key of an element at position `i` of list(d), if the collection has one. */
  keyOf(d: StoreData, value: object, i: number): string | undefined;
}

const array = <T extends object>(
  table: Table,
  schema: z.ZodType<T>,
  get: (d: StoreData) => readonly T[],
  key: ((v: T) => string) | undefined,
  guarded = false,
): Collection => ({
  table,
  schema: schema as z.ZodType<object>,
  guarded,
  list: get,
  keyOf: (_d, v) => key?.(v as T),
});

/** Source names in the order of the record. */
const sourceNames = (d: StoreData): string[] => Object.keys(d.watcher.sources);

/** Every collection, in table order. */
export const COLLECTIONS: readonly Collection[] = [
  array(
    'events',
    TradeEvent,
    (d) => d.events,
    (e) => e.id,
    true,
  ),
  array(
    'measures',
    TariffMeasure,
    (d) => d.measures,
    (m) => m.id,
    true,
  ),
  array('archive', ArchivedItem, (d) => d.archive, undefined),
  array(
    'audit',
    AuditEntry,
    (d) => d.audit,
    (a) => String(a.seq),
  ),
  array(
    'subscriptions',
    Subscription,
    (d) => d.subscriptions,
    (s) => channelKey(s.channel),
    true,
  ),
  array(
    'ledger',
    LedgerEntry,
    (d) => d.ledger,
    (e) => e.key,
  ),
  {
    table: 'watcher_sources',
    schema: SourceState as z.ZodType<object>,
    guarded: false,
    list: (d) => Object.values(d.watcher.sources),
    keyOf: (d, _v, i) => sourceNames(d)[i],
  },
  array(
    'proposals',
    Proposal,
    (d) => d.watcher.proposals,
    (p) => p.id,
  ),
  array(
    'calendar_tokens',
    CalendarToken,
    (d) => d.calendarTokens,
    (t) => t.hash,
  ),
];

/** Whether a collection holds the very same elements in `a` and `b` (by identity: elements are never mutated). */
export function sameElements(c: Collection, a: StoreData, b: StoreData): boolean {
  const x = c.list(a);
  const y = c.list(b);
  if (x === y) return c.table !== 'watcher_sources' || a.watcher.sources === b.watcher.sources;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  if (c.table !== 'watcher_sources') return true;
  const names = sourceNames(b);
  return sourceNames(a).every((n, i) => n === names[i]);
}

/** The rows of every table, in order, as [key, value]. */
export type Loaded = Record<Table, Array<readonly [string, object]>>;

/** The whole document from its tables' rows and the meta row. */
export function assemble(rows: Loaded, scheduler: SchedulerState, seed: StoreData['seed']): StoreData {
  const values = (t: Table) => rows[t].map(([, v]) => v);
  const data = {
    schemaVersion: SCHEMA_VERSION,
    events: values('events'),
    measures: values('measures'),
    archive: values('archive'),
    audit: values('audit'),
    subscriptions: values('subscriptions'),
    ledger: values('ledger'),
    scheduler,
    watcher: {
      version: 1,
      sources: Object.fromEntries(rows.watcher_sources),
      proposals: values('proposals'),
    },
    calendarTokens: values('calendar_tokens'),
    ...(seed ? { seed } : {}),
  };
  return data as StoreData;
}
