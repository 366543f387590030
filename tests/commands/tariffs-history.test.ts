import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBot } from '../helpers/bot.js';

/**
 * The across-the-board US tariff on goods from China, day by day, written by hand from
 * /work/shared/facts/trade-timeline.md (section E, "So the across-the-board US tariff on goods from China
 * was ...", and the rows cited). Each entry holds from its date (US Eastern, where the orders take effect)
 * until the next entry. `doubtful` marks a total the facts file flags as UNVERIFIED.
 */
const STEPS: ReadonlyArray<{ from: string; total: number; doubtful?: boolean }> = [
  // Before the first IEEPA order on China (E: the fentanyl tariff starts Feb 4, 2025).
  { from: '2025-01-20', total: 0 },
  // E: IEEPA fentanyl tariff (EO 14195) 10% from 12:01 a.m. EST Feb 4, 2025.
  { from: '2025-02-04', total: 10 },
  // E: raised to 20% (EO 14228) from 12:01 a.m. EST Mar 4, 2025.
  { from: '2025-03-04', total: 20 },
  // E: reciprocal 10% baseline (EO 14257) from 12:01 a.m. EDT Apr 5, 2025, China included: 20 + 10.
  { from: '2025-04-05', total: 30 },
  // E: China's country rate replaces the baseline from 12:01 a.m. EDT Apr 9 at 84% (EO 14259): 20 + 84.
  { from: '2025-04-09', total: 104 },
  // E and row 1: 125% from 12:01 a.m. EDT Apr 10 (EO 14266): 20 + 125 = 145.
  { from: '2025-04-10', total: 145 },
  // E and row 3 (Geneva): reciprocal 10% from May 14, 2025: 20 + 10.
  { from: '2025-05-14', total: 30 },
  // E, rows 15 and 18, D4: fentanyl cut to 10% from 12:01 a.m. EST Nov 10, 2025: 10 + 10.
  { from: '2025-11-10', total: 20 },
  // Rows 21-22: IEEPA collection stops 2026-02-24 00:00 ET; Sec. 122 10% from 00:01 EST the same day.
  { from: '2026-02-24', total: 10 },
  // Row 36: Sec. 122 ends 00:01 EDT Jul 24, 2026. Row 37 and C: forced-labor Sec. 301 12.5% on China from
  // Jul 24, 2026, known only from the Budget Lab config (UNVERIFIED, D11). Row 38: the IEEPA side of the
  // Nov 10, 2026 truce expiry is moot, so nothing changes through the end of 2026.
  { from: '2026-07-24', total: 12.5, doubtful: true },
];
const LAST_DAY = '2026-12-31';

/** Every calendar date from `first` to `last` inclusive, as YYYY-MM-DD. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000)
    out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

/** The step of STEPS in force on `date`. */
function expectedOn(date: string): (typeof STEPS)[number] {
  const step = STEPS.filter((s) => s.from <= date).at(-1);
  if (!step) throw new Error(`no expectation for ${date}`);
  return step;
}

/** The across-the-board total a `tariffs` reply states, 0 when it says there is none. */
function statedTotal(reply: string): number | undefined {
  if (/No across-the-board tariff on goods from China/.test(reply)) return 0;
  const m = /\*{0,2}(\d+(?:\.\d+)?)%\*{0,2} across the board on goods from China/.exec(reply);
  return m ? Number(m[1]) : undefined;
}

// The reader's zone must not move a US order to another day: a reader in Kiribati (UTC+14) or American
// Samoa (UTC-11) asking about Apr 9 sees the US stack of Apr 9.
describe.each(['America/New_York', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
  'tariffs CN on:<date> for a reader in %s',
  (zone) => {
    let t: Awaited<ReturnType<typeof seededBot>>;
    beforeAll(async () => {
      t = await seededBot('2026-12-02T12:00:00Z', { TIME_ZONE: zone });
    });
    afterAll(() => t.close());

    it(`gives the across-the-board total of every day from 2025-01-20 to ${LAST_DAY}`, async () => {
      const wrong: string[] = [];
      for (const date of days(STEPS[0]?.from ?? '', LAST_DAY)) {
        const reply = await t.say(`tariffs CN on:${date}`);
        const step = expectedOn(date);
        const stated = statedTotal(reply);
        if (stated !== step.total) wrong.push(`${date}: expected ${step.total}%, the reply says ${stated}%`);
        else if (step.doubtful && !/across the board[^\n]*unverified/.test(reply))
          wrong.push(
            `${date}: ${step.total}% rests on an unverified measure but the headline does not say so`,
          );
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  },
);
