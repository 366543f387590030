import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/domain/subscription.js';
import type { SourceState } from '../../src/sources/watcher-state.js';
import { StoreClosedError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { StoreData } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { freshSchema, openTestPgStore, PG_URL } from '../helpers/pg.js';
import { richStore } from './fixtures/rich.js';
import { ledgerEntry, sampleEvent, sampleMeasure, seed } from './fixtures/sample.js';
import { clock, tempDir } from './helpers.js';

/** One backend of the Store interface: a fresh, empty place per test, opened (and reopened) from the seed. */
interface Backend {
  name: string;
  skip: boolean;
  /** Prepares a fresh place; returns how to open a store there and how to remove it. */
  fresh(): Promise<{ open: () => Promise<Store>; cleanup: () => Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'JSON file',
    skip: false,
    async fresh() {
      const { dir, cleanup } = await tempDir();
      const file = join(dir, 'store.db.json');
      return { open: () => openStore({ file, seed, now: clock().now, backups: 0 }), cleanup };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !PG_URL,
    async fresh() {
      const { schema, drop } = freshSchema();
      return { open: () => openTestPgStore(schema, seed()), cleanup: drop };
    },
  },
];

const pending = (n: number, lease: string): LedgerEntry => ({
  ...ledgerEntry(n),
  state: 'pending',
  doneAt: undefined,
  nextAttemptAt: lease,
});
const NOW = Date.parse('2026-03-01T08:00:00Z');

describe.each(BACKENDS)('the Store contract: $name', (backend) => {
  let open: () => Promise<Store>;
  let cleanup: () => Promise<void>;
  const opened: Store[] = [];
  const start = async () => {
    const s = await open();
    opened.push(s);
    return s;
  };
  beforeEach(async () => {
    if (backend.skip) return;
    ({ open, cleanup } = await backend.fresh());
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await cleanup?.();
  });

  it.skipIf(backend.skip)(
    'starts from the seed and keeps every part of the store across a reopen',
    async () => {
      const store = await start();
      expect(store.read().events).toEqual([sampleEvent]);
      expect(store.read().measures).toEqual([sampleMeasure]);
      const rich = richStore();
      await store.update((d) => void Object.assign(d, rich));
      expect(isDeepStrictEqual(store.read(), rich)).toBe(true);
      await store.close();
      const again = await start();
      expect(again.read()).toEqual(rich);
      expect(isDeepStrictEqual(again.read(), rich)).toBe(true);
    },
  );

  it.skipIf(backend.skip)(
    'keeps the order of every list through removals in the middle, moves and sorts',
    async () => {
      const store = await start();
      await store.update((d) => void Object.assign(d, richStore()));
      await store.update((d) => {
        d.ledger.splice(1, 1);
        d.ledger.push(ledgerEntry(9));
        d.archive.splice(0, 1);
        d.audit.reverse();
        d.subscriptions.unshift(d.subscriptions.pop() as StoreData['subscriptions'][number]);
        const { fr, ustr } = d.watcher.sources as { fr: SourceState; ustr: SourceState };
        d.watcher = { ...d.watcher, sources: { zz: ustr, fr } };
      });
      const expected = store.read();
      expect(expected.ledger.map((e) => e.key)).toEqual(['digest-1', 'digest-3', 'digest-4', 'digest-9']);
      expect(expected.audit.map((a) => a.seq)).toEqual([3, 2, 1]);
      await store.close();
      const again = await start();
      expect(again.read()).toEqual(expected);
      expect(again.read().audit.map((a) => a.seq)).toEqual([3, 2, 1]);
      expect(again.read().subscriptions.map((s) => s.channel.id)).toEqual(['C2', 'C1']);
      expect(Object.keys(again.read().watcher.sources).sort()).toEqual(['fr', 'zz']);
    },
  );

  it.skipIf(backend.skip)(
    'returns what the change returns and counts each write as one revision',
    async () => {
      const store = await start();
      const r0 = store.revision;
      const title = await store.update((d) => {
        d.events[0] = { ...sampleEvent, title: 'Renamed talks' };
        return d.events[0].title;
      });
      expect(title).toBe('Renamed talks');
      expect(store.read().events[0]?.title).toBe('Renamed talks');
      expect(store.revision).toBe(r0 + 1);
      await store.update((d) => void d.ledger.push(ledgerEntry(1)));
      expect(store.revision).toBe(r0 + 2);
    },
  );

  it.skipIf(backend.skip)('keeps nothing of a change that throws or returns a promise', async () => {
    const store = await start();
    const before = store.read();
    const r0 = store.revision;
    await expect(
      store.update((d) => {
        d.events.push({ ...sampleEvent, id: 'half-done' });
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');
    await expect(
      store.update((d) => {
        d.events.push({ ...sampleEvent, id: 'async' });
        return Promise.resolve(1);
      }),
    ).rejects.toThrow(TypeError);
    expect(store.read()).toBe(before);
    expect(store.revision).toBe(r0);
    await store.close();
    const again = await start();
    expect(again.read().events.map((e) => e.id)).toEqual([sampleEvent.id]);
  });

  it.skipIf(backend.skip)(
    'applies 50 concurrent updates one after another, none lost, in call order',
    async () => {
      const store = await start();
      const r0 = store.revision;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, n) => store.update((d) => d.ledger.push(ledgerEntry(n)))),
      );
      expect(results).toEqual(Array.from({ length: 50 }, (_, n) => n + 1));
      expect(store.revision).toBe(r0 + 50);
      await store.close();
      const again = await start();
      expect(again.read().ledger.map((e) => e.key)).toEqual(
        Array.from({ length: 50 }, (_, n) => `digest-${n}`),
      );
    },
  );

  it.skipIf(backend.skip)(
    'claims new keys and run-out leases, never settled posts or live leases',
    async () => {
      const store = await start();
      await store.update((d) => {
        d.ledger.push(ledgerEntry(1)); // sent
        d.ledger.push(pending(2, '2026-03-01T08:05:00Z')); // leased past NOW
        d.ledger.push(pending(3, '2026-03-01T07:59:00Z')); // lease ran out
        d.ledger.push(pending(4, '2026-03-01T08:00:00Z')); // lease runs out exactly now
      });
      const asked = [1, 2, 3, 4, 5].map((n) => pending(n, '2026-03-01T08:10:00Z'));
      const twice = { ...pending(5, '2026-03-01T09:00:00Z'), attempts: 7 };
      const won = await store.claim([...asked, twice], NOW);
      expect(won.map((e) => e.key)).toEqual(['digest-3', 'digest-4', 'digest-5']);
      const ledger = store.read().ledger;
      expect(ledger.map((e) => [e.key, e.state, e.nextAttemptAt])).toEqual([
        ['digest-1', 'sent', undefined],
        ['digest-2', 'pending', '2026-03-01T08:05:00Z'],
        ['digest-3', 'pending', '2026-03-01T08:10:00Z'],
        ['digest-4', 'pending', '2026-03-01T08:10:00Z'],
        ['digest-5', 'pending', '2026-03-01T08:10:00Z'],
      ]);
      expect(await store.claim([pending(5, '2026-03-01T08:20:00Z')], NOW)).toEqual([]);
      expect(await store.claim([], NOW)).toEqual([]);
      await store.close();
      const again = await start();
      expect(again.read().ledger).toEqual(ledger);
    },
  );

  it.skipIf(backend.skip)(
    'a claim taking over a pending entry counts on from the attempts the ledger records, as a late retry',
    async () => {
      const store = await start();
      await store.update((d) => {
        d.ledger.push({ ...pending(1, '2026-03-01T07:59:00Z'), attempts: 2 }); // a replica died on attempt 2
        d.ledger.push({ ...pending(2, '2026-03-01T07:59:00Z'), attempts: 2 });
      });
      // The claimer's view of the ledger was stale: it believes digest-1 was never tried.
      const won = await store.claim(
        [pending(1, '2026-03-01T08:10:00Z'), { ...pending(2, '2026-03-01T08:10:00Z'), attempts: 5 }],
        NOW,
      );
      expect(won.map((e) => [e.key, e.attempts, e.late])).toEqual([
        ['digest-1', 3, true],
        ['digest-2', 5, false],
      ]);
      const ledger = store.read().ledger;
      expect(ledger.map((e) => [e.key, e.attempts, e.late, e.nextAttemptAt])).toEqual([
        ['digest-1', 3, true, '2026-03-01T08:10:00Z'],
        ['digest-2', 5, false, '2026-03-01T08:10:00Z'],
      ]);
      await store.close();
      expect((await start()).read().ledger).toEqual(ledger);
    },
  );

  it.skipIf(backend.skip)('refuses updates and claims once closed', async () => {
    const store = await start();
    await store.close();
    await expect(store.update(() => undefined)).rejects.toThrow(StoreClosedError);
    await expect(store.claim([ledgerEntry(1)], NOW)).rejects.toThrow(StoreClosedError);
  });
});
