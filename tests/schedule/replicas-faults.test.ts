import { describe, expect, it } from 'vitest';
import { PG_URL } from '../helpers/pg.js';
import { BUSY, expectExactlyOnce, reachedSlack, replicaRig, runDay, STEP } from '../helpers/replicas.js';

// Bot replicas on one PostgreSQL schema over a simulated day (see replicas.test.ts), with faults mid-delivery.

describe.skipIf(!PG_URL)('bot replicas on one PostgreSQL database with faults mid-delivery', () => {
  it('a replica SIGKILLed mid-delivery: its claims are taken over after the lease, found in Slack, none doubled or lost', async () => {
    const started = Date.now();
    const rig = await replicaRig([0, 0, 0]);
    const [victim, ...others] = rig.replicas;
    let killedAfter: string | undefined;
    try {
      await runDay(rig, async (t) => {
        if (t < BUSY || victim?.dead || !victim) return false;
        // The victim runs this step alone, so it claims everything due; it dies once its first post is in Slack.
        const round = victim.tick(t);
        const key = await victim.nextPost(t);
        if (key) {
          await reachedSlack(rig, key);
          await victim.kill();
          killedAfter = key;
        }
        await round;
        await rig.step(t, others);
        return true;
      });
      const o = await rig.outcome();
      expect(killedAfter, 'the victim was killed mid-delivery').toBeDefined();
      expectExactlyOnce(o, `3 replicas, one killed after posting ${killedAfter}`, started);
      expect(o.lookups, 'the replica taking over looked in the channel first').toBeGreaterThan(0);
    } finally {
      await rig.close();
    }
  }, 90_000);

  it('database connections dropped mid-delivery and restored: deliveries wait and resume, none lost or doubled', async () => {
    const started = Date.now();
    const rig = await replicaRig([0, 0], { proxy: true });
    const OUTAGE_STEPS = 3;
    let refused = 0;
    let terminated = 0;
    let cutAt: number | undefined;
    try {
      await runDay(rig, async (t) => {
        if (cutAt === undefined && t >= BUSY) {
          const rounds = rig.step(t);
          // Dropped as soon as a replica starts posting: its results cannot be written.
          await Promise.race(rig.live().map((r) => r.nextPost(t)));
          // Nothing more reaches the database from here (frozen in the same turn of the event loop, before the
          // parent's Slack emulator can answer that post); then the server ends the replicas' connections, and
          // the proxy keeps them out until restored.
          rig.proxy?.freeze();
          terminated = await rig.terminateConnections();
          rig.proxy?.cut();
          cutAt = t;
          refused += (await rounds).filter((s) => s !== 'ok').length;
          return true;
        }
        if (cutAt !== undefined && t > cutAt && t <= cutAt + OUTAGE_STEPS * STEP) {
          refused += (await rig.step(t)).filter((s) => s !== 'ok').length;
          if (t === cutAt + OUTAGE_STEPS * STEP) rig.proxy?.restore();
          return true;
        }
        return false;
      });
      const o = await rig.outcome();
      console.log(`database outage: ${terminated} connections terminated, ${refused} rounds refused`);
      expect(terminated, 'connections the server ended').toBeGreaterThan(0);
      expect(refused, 'rounds during the outage were refused').toBeGreaterThan(0);
      expectExactlyOnce(o, '2 replicas, database dropped and restored', started);
    } finally {
      await rig.close();
    }
  }, 90_000);
});
