import { isDeepStrictEqual } from 'node:util';
import type { TradeEvent } from '../domain/event.js';
import type { TariffMeasure } from '../domain/measure.js';
import type { Logger } from '../log/logger.js';
import { audit } from './catalog.js';
import { formatIssues } from './issues.js';
import { type ItemType, type SeedData, StoreData } from './schema.js';

/** The actor of every audit entry the seed sync writes. */
export const SEED_ACTOR = 'seed';

/** What one seed sync did: ids corrected, added, and kept because an editor changed or removed them. */
export interface SeedSyncResult {
  data: StoreData;
  corrected: string[];
  added: string[];
  kept: string[];
}

type Item = TradeEvent | TariffMeasure;
const LIST = { event: 'events', measure: 'measures' } as const;

/**
 * Brings the seed's items into `data` (which is not changed; a new document is returned): an item no editor has
 * touched (no audit entry by anyone but the seed) is replaced by the seed's version, a seed item the store lacks
 * is added unless an editor removed it, and anything an editor changed is kept and listed in `kept`. Every change
 * gets an audit entry by `seed` with before and after; `digest` is recorded as the seed applied.
 */
export function syncSeed(data: StoreData, seed: SeedData, digest: string, at: string): SeedSyncResult {
  const touched = new Set(data.audit.filter((a) => a.actor !== SEED_ACTOR).map((a) => a.id));
  for (const a of data.archive) touched.add(a.entry.item.id);
  const d: StoreData = {
    ...data,
    events: data.events.slice(),
    measures: data.measures.slice(),
    audit: data.audit.slice(),
    seed: { digest, appliedAt: at },
  };
  const out: SeedSyncResult = { data: d, corrected: [], added: [], kept: [] };
  const seedItems: Array<[ItemType, Item]> = [
    ...seed.events.map((e): [ItemType, Item] => ['event', e]),
    ...seed.measures.map((m): [ItemType, Item] => ['measure', m]),
  ];
  for (const [type, next] of seedItems) {
    const found = locate(d, next.id);
    if (found && found.type === type && isDeepStrictEqual(found.item, next)) continue;
    if (touched.has(next.id)) {
      out.kept.push(next.id);
      continue;
    }
    // A corrected item keeps its place in its list; one that changed kind moves to the other list.
    if (found?.type === type) (d[LIST[type]] as Item[])[found.index] = next;
    else {
      if (found) (d[LIST[found.type]] as Item[]).splice(found.index, 1);
      (d[LIST[type]] as Item[]).push(next);
    }
    if (found) {
      audit(d, { at, actor: SEED_ACTOR, action: 'edit', type, id: next.id, before: found.item, after: next });
      out.corrected.push(next.id);
    } else {
      audit(d, { at, actor: SEED_ACTOR, action: 'add', type, id: next.id, after: next });
      out.added.push(next.id);
    }
  }
  return out;
}

/** Where the item with `id` sits in the store, if anywhere. */
function locate(d: StoreData, id: string): { type: ItemType; index: number; item: Item } | undefined {
  for (const type of ['event', 'measure'] as const) {
    const list: readonly Item[] = d[LIST[type]];
    const index = list.findIndex((i) => i.id === id);
    if (index >= 0) return { type, index, item: list[index] as Item };
  }
  return undefined;
}

/**
 * syncSeed when `digest` is not the seed applied last (undefined when it is); throws when the result would not
 * be a valid store (the seed does not fit it), so nothing is kept.
 */
export function syncSeedIfNew(
  data: StoreData,
  seed: SeedData,
  digest: string,
  at: string,
): SeedSyncResult | undefined {
  if (data.seed?.digest === digest) return undefined;
  const result = syncSeed(data, seed, digest, at);
  const valid = StoreData.safeParse(result.data);
  if (!valid.success) throw new Error(`the seed does not fit the store: ${formatIssues(valid.error.issues)}`);
  return result;
}

/** Says what a seed sync changed and which editors' versions it kept. */
export function logSeedSync(result: SeedSyncResult, log: Logger | undefined): void {
  for (const id of result.kept) log?.info(`seed differs for ${id}; kept the editor's version`);
  const { corrected, added, kept } = result;
  log?.info(
    `seed sync: ${corrected.length} corrected, ${added.length} added, ${kept.length} kept as editors left them` +
      (corrected.length + added.length ? ` (${[...corrected, ...added].join(', ')})` : ''),
  );
}
