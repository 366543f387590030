import { schedule } from 'node-cron';
import type { Logger } from '../log/logger.js';
import type { Scheduler } from './scheduler.js';

/**
 * Drives the scheduler from node-cron. Cron only says "look now": it neither persists nor catches
 * up, so every tick plans from the saved cursor and the ledger settles what was missed.
 */
export function runScheduler(
  scheduler: Scheduler,
  log: Logger,
  everySecond: boolean,
  sources?: { tick(): void },
): { stop(): Promise<void> } {
  const tick = () => {
    // Source checks start in the background (at most once a minute) and never hold up reminders or digests.
    try {
      sources?.tick();
    } catch (err) {
      log.error('starting the source checks failed; the next tick retries', err);
    }
    return scheduler.tick().catch((err) => {
      log.error('scheduler tick failed; the next tick retries', err);
    });
  };
  void tick();
  const task = schedule(everySecond ? '* * * * * *' : '*/15 * * * * *', tick, {
    noOverlap: true,
    name: 'trade-brief',
  });
  return {
    async stop() {
      await task.stop();
      await scheduler.idle();
    },
  };
}
