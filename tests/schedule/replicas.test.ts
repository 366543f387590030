import { describe, it } from 'vitest';
import { PG_URL } from '../helpers/pg.js';
import { expectExactlyOnce, replicaRig, runDay } from '../helpers/replicas.js';

// Bot replicas as separate processes on one PostgreSQL schema, posting through the real Slack delivery to the
// Slack emulator, over a simulated day; what reached each channel is counted at the emulator. The fault cases
// (a replica killed mid-delivery, the database dropped) are in replicas-faults.test.ts.

describe.skipIf(!PG_URL)('bot replicas on one PostgreSQL database over a simulated day', () => {
  for (const n of [2, 3])
    it(`${n} replicas post every digest and reminder exactly once`, async () => {
      const started = Date.now();
      const rig = await replicaRig(Array.from({ length: n }, () => 0));
      try {
        await runDay(rig);
        expectExactlyOnce(await rig.outcome(), `${n} replicas`, started);
      } finally {
        await rig.close();
      }
    }, 90_000);

  it('one replica 30 s ahead and one 30 s behind: still exactly once', async () => {
    const started = Date.now();
    const rig = await replicaRig([0, 30_000, -30_000]);
    try {
      await runDay(rig);
      expectExactlyOnce(await rig.outcome(), '3 replicas, clocks 0, +30 s, -30 s', started);
    } finally {
      await rig.close();
    }
  }, 90_000);
});
