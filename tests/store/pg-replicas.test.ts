import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/domain/subscription.js';
import { addEvent, replaceEvent } from '../../src/store/catalog.js';
import { StoreConflictError } from '../../src/store/errors.js';
import type { PgStore } from '../../src/store/pg/pg-store.js';
import { adminQuery, eventually, freshSchema, openTestPgStore, PG_URL } from '../helpers/pg.js';
import { ledgerEntry, sampleEvent, seed } from './fixtures/sample.js';

/** Several processes on one database, each with its own PgStore (as replicas have). */
describe.skipIf(!PG_URL)('PostgreSQL store: replicas on one database', () => {
  const { schema, drop } = freshSchema();
  const stores: PgStore[] = [];
  const open = async () => {
    const s = await openTestPgStore(schema, seed());
    stores.push(s);
    return s;
  };
  let a: PgStore;
  let b: PgStore;
  beforeAll(async () => {
    a = await open();
    b = await open();
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await drop();
  });

  it("sees another replica's edit within a second, both ways", async () => {
    await a.update((d) => {
      d.events[0] = { ...sampleEvent, title: 'Talks moved to Rome' };
    });
    const seenByB = await eventually(
      () => b.read().events[0]?.title === 'Talks moved to Rome',
      1000,
      'B sees A',
    );
    await b.update((d) => void d.ledger.push(ledgerEntry(1)));
    const seenByA = await eventually(
      () => a.read().ledger.some((e) => e.key === 'digest-1'),
      1000,
      'A sees B',
    );
    expect(seenByB).toBeLessThan(1000);
    expect(seenByA).toBeLessThan(1000);
    expect(a.revision).toBe(b.revision);
  });

  it('loses no edit when 10 editors change the store at once through 10 replicas', async () => {
    const editors = [a, b, ...(await Promise.all(Array.from({ length: 8 }, () => open())))];
    const at = '2026-03-01T12:00:00Z';
    // Each adds its own event (catalog.addEvent, as `add` does) and tags the shared event (a change built on
    // the fresh row), all at the same moment.
    await Promise.all(
      editors.map(async (s, n) => {
        await Promise.all([
          addEvent(s, { ...sampleEvent, id: `editor-${n}`, title: `Editor ${n} event` }, `slack:U${n}`, at),
          s.update((d) => {
            const i = d.events.findIndex((e) => e.id === sampleEvent.id);
            const e = d.events[i] as typeof sampleEvent;
            d.events[i] = { ...e, tags: [...e.tags, `tag-${n}`] };
          }),
        ]);
      }),
    );
    const final = Number(
      (await adminQuery<{ r: string }>(`SELECT revision AS r FROM ${schema}.store_meta`)).rows[0]?.r,
    );
    const expectedIds = Array.from({ length: 10 }, (_, n) => `editor-${n}`).sort();
    const expectedTags = Array.from({ length: 10 }, (_, n) => `tag-${n}`).sort();
    for (const s of editors) {
      await eventually(() => s.revision === final, 1500, 'every replica is at the last revision');
      const ids = s.read().events.map((e) => e.id);
      expect(ids.filter((id) => id.startsWith('editor-')).sort()).toEqual(expectedIds);
      expect([...(s.read().events.find((e) => e.id === sampleEvent.id)?.tags ?? [])].sort()).toEqual(
        expectedTags,
      );
      expect(
        s
          .read()
          .audit.filter((x) => x.action === 'add')
          .map((x) => x.id)
          .sort(),
      ).toEqual(expectedIds);
      // Audit numbers stay distinct although ten replicas numbered entries at once.
      expect(new Set(s.read().audit.map((x) => x.seq)).size).toBe(s.read().audit.length);
    }
  });

  it('refuses the second of two edits that truly collide on one item, with a clear message', async () => {
    await eventually(() => a.revision === b.revision, 1500, 'A and B agree');
    const seen = a.read().events.find((e) => e.id === 'editor-1') as typeof sampleEvent;
    // Both editors saw the same version and replace it whole, as `edit` does.
    const results = await Promise.allSettled([
      replaceEvent(a, seen, { ...seen, title: 'Title chosen by A' }, 'slack:UA', '2026-03-01T12:01:00Z'),
      replaceEvent(b, seen, { ...seen, title: 'Title chosen by B' }, 'slack:UB', '2026-03-01T12:01:00Z'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toContain('was changed by someone else');
    const winner = results[0]?.status === 'fulfilled' ? 'Title chosen by A' : 'Title chosen by B';
    for (const s of [a, b])
      await eventually(
        () => s.read().events.find((e) => e.id === 'editor-1')?.title === winner,
        1000,
        'winner',
      );

    // A change that writes a value it computed beforehand (not from the draft) collides at the store itself.
    await eventually(() => a.revision === b.revision, 1500, 'A and B agree');
    const base = a.read().events.find((e) => e.id === 'editor-2') as typeof sampleEvent;
    const write = (s: PgStore, title: string) =>
      s.update((d) => {
        const i = d.events.findIndex((e) => e.id === 'editor-2');
        d.events[i] = { ...base, title };
      });
    const raw = await Promise.allSettled([write(a, 'Written by A'), write(b, 'Written by B')]);
    expect(raw.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const error = (raw.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(StoreConflictError);
    expect(error.message).toBe(
      'The event `editor-2` was changed by someone else at the same moment, so this change was not saved ' +
        '(it would have undone theirs). Look at it again and repeat the change if it is still needed.',
    );
  });

  it('gives each claimed post to exactly one of three replicas', async () => {
    const c = await open();
    const keys = Array.from({ length: 60 }, (_, n) => `claim-${n}`);
    const entry = (key: string, lease = '2026-03-01T09:01:00Z'): LedgerEntry => ({
      key,
      channel: { platform: 'slack', id: 'C1' },
      kind: 'reminder',
      state: 'pending',
      dueAt: '2026-03-01T09:00:00Z',
      late: false,
      attempts: 1,
      nextAttemptAt: lease,
    });
    const now = Date.parse('2026-03-01T09:00:00Z');
    // Each replica asks for the posts in its own order, several rounds at once.
    const asks = [a, b, c].flatMap((s, n) =>
      [0, 1].map((round) => {
        const order = n % 2 ? [...keys].reverse() : keys;
        return s.claim(
          (round ? order.slice(20) : order).map((k) => entry(k)),
          now,
        );
      }),
    );
    const won = (await Promise.all(asks)).flat().map((e) => e.key);
    expect(won.sort()).toEqual([...keys].sort());
    // Asked again before the lease runs out: nobody wins; after it, exactly one replica takes each over.
    expect(
      (
        await Promise.all(
          [a, b, c].map((s) =>
            s.claim(
              keys.map((k) => entry(k)),
              now + 30_000,
            ),
          ),
        )
      ).flat(),
    ).toEqual([]);
    const later = Date.parse('2026-03-01T09:01:00Z');
    const retake = keys.map((k) => entry(k, '2026-03-01T09:02:00Z'));
    const retaken = (await Promise.all([a, b, c].map((s) => s.claim(retake, later)))).flat();
    expect(retaken.map((e) => e.key).sort()).toEqual([...keys].sort());
  });
});
