import { describe, expect, it } from 'vitest';
import { momentStartMs } from '../../src/domain/moment.js';
import { stackFor } from '../../src/domain/stack.js';
import { Timeline } from '../../src/domain/timeline.js';
import { loadSeed } from '../../src/store/seed.js';

const SEED = new URL('../../data/seed.json', import.meta.url).pathname;
const DAY = 86_400_000;

/** A timeline's stack (measures on a country's goods read once per timeline) is stackFor's, at any instant. */
describe('Timeline.stack', () => {
  it('is the stack stackFor builds, for every country and at every date edge of the seed', async () => {
    const seed = await loadSeed(SEED);
    const tl = new Timeline(seed.events, seed.measures);
    const countries = new Set(['CN', 'US', 'EU', 'CA', 'MX', 'JP', 'XX']);
    const instants: number[] = [];
    for (const m of seed.measures) {
      countries.add(m.imposing);
      if (m.targets !== 'all') for (const c of m.targets) countries.add(c);
      for (const edge of [m.from, m.until])
        if (edge) {
          const ms = momentStartMs(edge);
          instants.push(ms - 1, ms, ms + 1);
        }
    }
    for (let ms = Date.UTC(2017, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 5 * DAY + 3_600_000)
      instants.push(ms);
    let nonEmpty = 0;
    for (const country of countries)
      for (const at of instants) {
        const expected = stackFor(tl.measures, country, at);
        expect(tl.stack(country, at)).toStrictEqual(expected);
        if (expected.byAuthority.size) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(1000);
  });
});
