import { stat } from 'node:fs/promises';
import { secondsSince, startTimer } from '../elapsed.js';
import type { Observer } from '../observer.js';
import type { Store } from './store.js';

/** `store` with each committed write's duration and the file's size reported to `observer` (when it listens). */
export function observedStore(store: Store, observer: Observer): Store {
  return {
    get location() {
      return store.location;
    },
    get revision() {
      return store.revision;
    },
    get online() {
      return store.online;
    },
    read: () => store.read(),
    claim: (entries, nowMs) => store.claim(entries, nowMs),
    close: () => store.close(),
    async update(change) {
      const started = startTimer();
      const result = await store.update(change);
      if (observer.storeWrite) {
        const seconds = secondsSince(started);
        const bytes = (await stat(store.location).catch(() => undefined))?.size ?? 0;
        observer.storeWrite(seconds, bytes);
      }
      return result;
    },
  };
}
