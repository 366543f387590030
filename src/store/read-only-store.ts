import { decodeStore } from './codec.js';
import { DurableTextFile } from './durable-file.js';
import { StoreError, StoreReadOnlyError } from './errors.js';
import type { Store } from './store.js';

/**
 * The store file as it is now, for reading while another process holds its lock (the running bot): no lock
 * taken, nothing written (a file of an older schema is migrated in memory only), every update refused with
 * StoreReadOnlyError. Writes by the holder replace the file atomically, so the read sees a whole version.
 */
export async function openStoreReadOnly(file: string, holder: string): Promise<Store> {
  const bytes = await new DurableTextFile(file).readBytes();
  if (bytes === null)
    throw new StoreError(file, `${file} does not exist yet; start the bot once to create it.`);
  const { data } = decodeStore(bytes, file);
  return {
    location: file,
    revision: 0,
    read: () => data,
    update: () => Promise.reject(new StoreReadOnlyError(file, holder)),
    claim: () => Promise.reject(new StoreReadOnlyError(file, holder)),
    close: async () => undefined,
  };
}
