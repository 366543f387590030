import { StoreCorruptError, StoreVersionError } from './errors.js';
import { formatIssues } from './issues.js';
import { migrate } from './migrations.js';
import { SCHEMA_VERSION, type SeedData, StoreData } from './schema.js';

/** Files larger than this are written compact; smaller ones are pretty-printed for people to read. */
export const PRETTY_LIMIT = 1_000_000;
const MAX_JSON_MESSAGE = 200;

/** A validated store document and the schema version it was stored with. */
export interface Decoded {
  data: StoreData;
  fromVersion: number;
  /** The length of the file's text, in UTF-16 code units. */
  chars: number;
}

function jsonProblem(text: string, error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  if (!/position \d+/.test(message) && /end of JSON input/.test(message))
    message += ` at position ${text.length}`;
  if (message.length > MAX_JSON_MESSAGE) message = `${message.slice(0, MAX_JSON_MESSAGE)}…`;
  return `is not valid JSON: ${message}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The store's bytes as text; bytes that are not UTF-8 are refused, never replaced (that would lose them). */
export function storeText(bytes: Uint8Array, file: string, backup?: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new StoreCorruptError(file, 'is not valid UTF-8 text (some bytes are not characters)', backup);
  }
}

/**
 * Parses, migrates and validates a store file's bytes (or text); throws StoreCorruptError or
 * StoreVersionError naming `file`.
 */
export function decodeStore(content: Uint8Array | string, file: string, backup?: string): Decoded {
  const text = typeof content === 'string' ? content : storeText(content, file, backup);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new StoreCorruptError(file, `is empty (${Buffer.byteLength(text)} bytes)`, backup);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new StoreCorruptError(file, jsonProblem(body, error), backup);
  }
  const migrated = migrate(value);
  if (migrated.kind === 'newer') throw new StoreVersionError(file, migrated.version, SCHEMA_VERSION);
  if (migrated.kind === 'invalid') throw new StoreCorruptError(file, migrated.problem, backup);
  const parsed = StoreData.safeParse(migrated.doc);
  if (!parsed.success) {
    const problem = `does not match the store schema: ${formatIssues(parsed.error.issues)}`;
    throw new StoreCorruptError(file, problem, backup);
  }
  return { data: parsed.data, fromVersion: migrated.fromVersion, chars: text.length };
}

const CHUNK = 256 * 1024;

/**
 * Serializes the store as text pieces of about 256 KB, produced lazily while they are written, so a
 * big store never blocks the event loop in one go: pretty-printed while the file stays small; beyond,
 * compact, element by element. No element's JSON is kept between writes: a cache of it by identity cost
 * more memory than the file's size (58 MB at 100,000 events) to save CPU that is spent a piece at a time.
 */
export function* encodeStore(data: StoreData, previousLength: number): Generator<string> {
  if (previousLength < PRETTY_LIMIT) {
    yield `${JSON.stringify(data, null, 2)}\n`;
    return;
  }
  let pending: string[] = [];
  let size = 0;
  const entries = Object.entries(data);
  for (const [k, [key, value]] of entries.entries()) {
    pending.push(`${k ? ',' : '{'}${JSON.stringify(key)}:`);
    if (!Array.isArray(value)) {
      pending.push(JSON.stringify(value));
      continue;
    }
    pending.push('[');
    for (let i = 0; i < value.length; i++) {
      const json = JSON.stringify(value[i]);
      if (i) pending.push(',');
      pending.push(json);
      size += json.length;
      if (size >= CHUNK) {
        yield pending.join('');
        pending = [];
        size = 0;
      }
    }
    pending.push(']');
  }
  pending.push('}');
  yield pending.join('');
}

/** The initial store document for a seed: versioned, with empty collections. Throws if the seed is invalid. */
export function storeFromSeed(seed: SeedData): StoreData {
  const doc = {
    schemaVersion: SCHEMA_VERSION,
    ...seed,
    archive: [],
    audit: [],
    subscriptions: [],
    ledger: [],
  };
  const parsed = StoreData.safeParse(doc);
  if (!parsed.success) throw new Error(`The seed data is invalid: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}
