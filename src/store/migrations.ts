import { emptyWatcherState } from '../sources/watcher-state.js';
import { SCHEMA_VERSION } from './schema.js';

/** A JSON document as read from disk, before validation. */
export type Doc = Record<string, unknown>;
/** Turns a document of version N into version N + 1. */
export type Migration = (doc: Doc) => Doc;

const orEmpty = (value: unknown): unknown => value ?? [];

/** MIGRATIONS[n] migrates version n to n + 1; its length must equal SCHEMA_VERSION. */
export const MIGRATIONS: readonly Migration[] = [
  // 0 -> 1: a bare seed-like {events, measures} gains a version and the empty collections.
  ({ schemaVersion: _, ...doc }) => ({
    schemaVersion: 1,
    ...doc,
    archive: orEmpty(doc.archive),
    audit: orEmpty(doc.audit),
    subscriptions: orEmpty(doc.subscriptions),
    ledger: orEmpty(doc.ledger),
  }),
  // 1 -> 2: the official-source watcher's state (sources, seen-sets, proposals) starts empty.
  (doc) => ({ ...doc, schemaVersion: 2, watcher: doc.watcher ?? emptyWatcherState() }),
  // 2 -> 3: calendar feed tokens (issued by `calendar`) start empty.
  (doc) => ({ ...doc, schemaVersion: 3, calendarTokens: orEmpty(doc.calendarTokens) }),
];

if (MIGRATIONS.length !== SCHEMA_VERSION) {
  throw new Error(`MIGRATIONS has ${MIGRATIONS.length} steps but SCHEMA_VERSION is ${SCHEMA_VERSION}`);
}

/** The outcome of reading a document's version: migrated, too new, or unusable. */
export type MigrationResult =
  | { kind: 'ok'; doc: Doc; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'invalid'; problem: string };

/** The version a document declares: 0 when absent, undefined when not a non-negative integer. */
export function versionOf(doc: Doc): number | undefined {
  const v = doc.schemaVersion;
  if (v === undefined) return 0;
  return Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined;
}

/** Brings a parsed JSON document up to SCHEMA_VERSION by running each pending migration in order. */
export function migrate(value: unknown): MigrationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { kind: 'invalid', problem: `does not hold a JSON object (found ${found})` };
  }
  let doc = value as Doc;
  const fromVersion = versionOf(doc);
  if (fromVersion === undefined) {
    const found = JSON.stringify(doc.schemaVersion);
    return { kind: 'invalid', problem: `has an invalid schemaVersion (${found}; expected a whole number)` };
  }
  if (fromVersion > SCHEMA_VERSION) return { kind: 'newer', version: fromVersion };
  for (const step of MIGRATIONS.slice(fromVersion)) doc = step(doc);
  return { kind: 'ok', doc, fromVersion };
}
