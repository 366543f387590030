import type { SlackFault } from './slack-types.js';

/** Faults queued per method, each applying to its next `times` calls (default 1), in the order set. */
export class FaultQueue {
  private readonly queues = new Map<string, { fault: SlackFault; left: number }[]>();

  /** Queues `fault` for the next call(s) of `method` ('response_url' for response_url POSTs). */
  add(method: string, fault: SlackFault): void {
    const queue = this.queues.get(method) ?? [];
    queue.push({ fault, left: fault.times ?? 1 });
    this.queues.set(method, queue);
  }

  /** The fault for this call of `method`, used up by taking it; undefined when none is queued. */
  take(method: string): SlackFault | undefined {
    const queue = this.queues.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) queue.shift();
    return head.fault;
  }

  /** Drops every queued fault. */
  clear(): void {
    this.queues.clear();
  }
}
