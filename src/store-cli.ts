import { writeFile } from 'node:fs/promises';
import type { Config } from './config.js';
import type { Logger } from './log/logger.js';
import { StoreError } from './store/errors.js';
import { openStore } from './store/open-store.js';
import { openStoreReadOnly } from './store/read-only-store.js';
import { loadSeed } from './store/seed.js';
import type { Store } from './store/store.js';
import { describeContents, exportText, readStoreFile, replaceContents } from './store/transfer.js';

/** What `store` accepts, for a mistake. */
export const STORE_USAGE =
  'Use `store export [file]` (to stdout without a file) or `store import <file>`: the file is a JSON store ' +
  'file, e.g. data/trade-brief.db.json. With DATABASE_URL set they act on PostgreSQL, otherwise on DB_FILE.';

/** The configured store: PostgreSQL with DATABASE_URL, else the JSON file (read without its lock when only read). */
async function openConfigured(config: Config, log: Logger, readOnly: boolean): Promise<Store> {
  const seed = () => loadSeed(config.SEED_FILE);
  const now = () => new Date();
  const url = config.DATABASE_URL;
  if (url) {
    const { openPgStore } = await import('./store/pg/open-pg-store.js');
    return openPgStore({ url, schema: config.DATABASE_SCHEMA, seed, now, log });
  }
  if (readOnly) return openStoreReadOnly(config.DB_FILE, 'this export');
  return openStore({ file: config.DB_FILE, seed, now, log, lockPatienceMs: 0 });
}

/**
 * `store export [file]` and `store import <file>`: moves everything between the JSON store file format and the
 * configured store. Returns the line to print (stderr for export to stdout, so the data stays clean).
 */
export async function runStoreCommand(
  words: readonly string[],
  config: Config,
  log: Logger,
  out: (text: string) => void,
): Promise<string> {
  const [, verb, file, ...rest] = words;
  if (rest.length || (verb !== 'export' && verb !== 'import') || (verb === 'import' && !file))
    throw new StoreError(config.DB_FILE, STORE_USAGE);
  if (verb === 'import') {
    const data = await readStoreFile(file as string);
    const store = await openConfigured(config, log, false);
    try {
      const before = await replaceContents(store, data);
      return (
        `Imported ${file} into ${store.location}: ${describeContents(data)}. ` +
        `It replaced ${describeContents(before)}.`
      );
    } finally {
      await store.close();
    }
  }
  const store = await openConfigured(config, log, true);
  try {
    const data = store.read();
    const text = exportText(data);
    if (file)
      await writeFile(file, text, { flag: 'w' }).catch((err: NodeJS.ErrnoException) => {
        const why =
          err.code === 'ENOENT' ? 'its folder does not exist' : (err.code ?? 'it cannot be written');
        throw new Error(`the export was not written to ${file}: ${why}. Nothing was changed.`);
      });
    else out(text);
    return `Exported ${store.location}${file ? ` to ${file}` : ''}: ${describeContents(data)}.`;
  } finally {
    await store.close();
  }
}
