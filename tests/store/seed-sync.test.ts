import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TariffMeasure } from '../../src/domain/measure.js';
import type { Logger } from '../../src/log/logger.js';
import { start } from '../../src/startup.js';
import { removeItem, replaceMeasure } from '../../src/store/catalog.js';
import { openStore } from '../../src/store/open-store.js';
import { loadSeed, seedDigest } from '../../src/store/seed.js';
import { clock, ROOT, spawnScript, tempDir } from './helpers.js';

/** A few items as the first seed had them: the 20% fentanyl tariff on China from a 2025-04-02 stand-in date. */
const OLD_SEED = join(ROOT, 'tests/store/fixtures/old-seed.json');
/** The corrected seed: the 20% fentanyl tariff from 2025-03-04 00:01 EST (facts file, section E: EO 14228). */
const NEW_SEED = join(ROOT, 'data/seed.json');
const NEW_SEED_JSON = JSON.parse(await readFile(NEW_SEED, 'utf8')) as { measures: TariffMeasure[] };
const corrected = (id: string) => NEW_SEED_JSON.measures.find((m) => m.id === id);

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'trade-brief.db.json');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

/** A logger that keeps its info and warn lines. */
function recorder() {
  const lines: string[] = [];
  const log: Logger = {
    debug() {},
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
  };
  return { log, lines };
}

/** Opens the store as the bot's start does, with `seedFile` as SEED_FILE. */
const openAsStart = (seedFile: string, log?: Logger) =>
  openStore({
    file,
    seed: () => loadSeed(seedFile),
    seedDigest: () => seedDigest(seedFile),
    now: clock('2026-12-02T08:00:00.000Z').now,
    log,
  });

describe('seed sync on start', () => {
  it('corrects untouched items, keeps editors’ edits and removals, adds new items, once', async () => {
    const old = await openAsStart(OLD_SEED);
    const at = '2026-11-01T09:00:00.000Z';
    const edited = old.read().measures.find((m) => m.id === 'ieepa-reciprocal-cn-125') as TariffMeasure;
    await replaceMeasure(old, edited, { ...edited, title: 'Edited by the desk' }, 'slack:U1', at);
    await removeItem(old, 'geneva-talks-2025', 'slack:U1', at);
    const auditBefore = old.read().audit.length;
    await old.close();

    const { log, lines } = recorder();
    const store = await openAsStart(NEW_SEED, log);
    const d = store.read();
    const fentanyl = d.measures.find((m) => m.id === 'ieepa-fentanyl-cn-20');
    expect(fentanyl?.from).toEqual({ at: '2025-03-04T05:01:00Z', timeZone: 'America/New_York' });
    expect(fentanyl).toEqual(corrected('ieepa-fentanyl-cn-20'));
    expect(d.measures.find((m) => m.id === 'ieepa-reciprocal-cn-125')?.title).toBe('Edited by the desk');
    expect(d.events.some((e) => e.id === 'geneva-talks-2025')).toBe(false);
    expect(d.archive.map((a) => a.entry.item.id)).toEqual(['geneva-talks-2025']);
    expect(d.measures.find((m) => m.id === 'ieepa-reciprocal-cn-10')).toEqual(
      corrected('ieepa-reciprocal-cn-10'),
    );

    const bySeed = d.audit.slice(auditBefore);
    expect(bySeed.every((a) => a.actor === 'seed' && a.at === '2026-12-02T08:00:00.000Z')).toBe(true);
    const fix = bySeed.find((a) => a.id === 'ieepa-fentanyl-cn-20');
    expect(fix).toMatchObject({ action: 'edit', type: 'measure' });
    expect((fix?.before as TariffMeasure | undefined)?.from).toEqual({
      date: '2025-04-02',
      timeZone: 'America/New_York',
    });
    expect(fix?.after).toEqual(corrected('ieepa-fentanyl-cn-20'));
    expect(bySeed.find((a) => a.id === 'ieepa-reciprocal-cn-10')).toMatchObject({ action: 'add' });
    expect(bySeed.filter((a) => ['ieepa-reciprocal-cn-125', 'geneva-talks-2025'].includes(a.id))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('seed differs for'))).toEqual([
      "seed differs for geneva-talks-2025; kept the editor's version",
      "seed differs for ieepa-reciprocal-cn-125; kept the editor's version",
    ]);
    await store.close();

    // The seed is the one applied: a second start writes nothing and says nothing.
    const bytes = await readFile(file);
    const quiet = recorder();
    const again = await openAsStart(NEW_SEED, quiet.log);
    await again.close();
    expect((await readFile(file)).equals(bytes)).toBe(true);
    expect(quiet.lines).toEqual([]);
  });

  it('an item the seed sync corrected is still the seed’s: a later seed changes it again', async () => {
    const old = await openAsStart(OLD_SEED);
    await old.close();
    const first = await openAsStart(NEW_SEED);
    expect(first.read().measures.find((m) => m.id === 'ieepa-fentanyl-cn-20')?.from).toEqual({
      at: '2025-03-04T05:01:00Z',
      timeZone: 'America/New_York',
    });
    await first.close();
    // The seed sync's own audit entries do not make an item the editor's.
    const { log, lines } = recorder();
    const back = await openAsStart(OLD_SEED, log);
    const fentanyl = back.read().measures.find((m) => m.id === 'ieepa-fentanyl-cn-20');
    expect(fentanyl?.from).toEqual({ date: '2025-04-02', timeZone: 'America/New_York' });
    expect(lines.filter((l) => l.startsWith('seed differs'))).toEqual([]);
    await back.close();
  });

  it('the CLI answers `tariffs CN on:2025-03-10` with the corrected total after a start', async () => {
    // A deployment made from the old seed by the old code: no seed digest recorded.
    const made = await openStore({ file, seed: () => loadSeed(OLD_SEED), now: clock().now });
    await made.close();
    vi.stubEnv('DB_FILE', file);
    vi.stubEnv('SEED_FILE', NEW_SEED);
    vi.stubEnv('LOG_LEVEL', 'error');
    vi.stubEnv('TZ', 'UTC');
    const total = async () => {
      const cli = spawnScript(join(ROOT, 'src/cli.ts'), ['tariffs CN on:2025-03-10']);
      expect(await cli.exited).toBe(0);
      return statedTotal(cli.output.stdout);
    };
    // Facts file, section E: 10% fentanyl from Feb 4, 20% from Mar 4, 2025; nothing else across the board yet.
    expect(await total()).toBe(0); // the old seed's stand-in date: the wrong answer before a start
    const app = await start([]);
    await app.close();
    expect(await total()).toBe(20);
  }, 60_000);
});

/** The across-the-board total a `tariffs` reply states, 0 when it says there is none. */
function statedTotal(reply: string): number | undefined {
  if (/No across-the-board tariff on goods from China/.test(reply)) return 0;
  const m = /\*{0,2}(\d+(?:\.\d+)?)%\*{0,2} across the board on goods from China/.exec(reply);
  return m ? Number(m[1]) : undefined;
}
