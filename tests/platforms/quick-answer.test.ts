import { describe, expect, it, vi } from 'vitest';
import { within } from '../../src/platforms/quick-answer.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
/**
 * No more timers hold the process than `before` counted. The test runner's own timers come and go (its RPC under
 * a loaded machine), so a count is looked at again for a moment; a timer of ours left behind stays and fails it.
 */
const noTimerBeyond = (before: number) =>
  vi.waitFor(() => expect(timers() - before).toBeLessThanOrEqual(0), { timeout: 1_000, interval: 20 });
const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('within', () => {
  it('gives the answer that is ready in time, and nothing for one that is not', async () => {
    expect(await within(Promise.resolve('ready'), 200)).toBe('ready');
    expect(await within(later(20, 'soon'), 2_000)).toBe('soon');
    const started = performance.now();
    const slow = later(300, 'slow');
    expect(await within(slow, 60)).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
    expect(await slow).toBe('slow'); // the work goes on
  });

  it('leaves no timer behind once every answer is in', async () => {
    const before = timers();
    expect(await within(later(5, 'a'), 60_000)).toBe('a');
    await noTimerBeyond(before);
  });

  it('passes a failure on', async () => {
    await expect(within(Promise.reject(new Error('broken')), 200)).rejects.toThrow('broken');
  });

  it('ends each window on time when many are open at once, with one timer among them', async () => {
    const before = timers();
    const never = new Promise<string>(() => {});
    const openedAt: number[] = [];
    const windows: Promise<string | undefined>[] = [];
    for (let i = 0; i < 200; i++) {
      openedAt.push(performance.now());
      windows.push(within(never, 80));
    }
    // A timer per window would be 200 here.
    expect(timers() - before).toBeLessThanOrEqual(1);
    const ready = within(later(10, 'ready'), 80);
    const endedAt: number[] = [];
    await Promise.all(
      windows.map((w, i) =>
        w.then((v) => {
          expect(v).toBeUndefined();
          endedAt[i] = performance.now();
        }),
      ),
    );
    expect(await ready).toBe('ready');
    for (const [i, t] of endedAt.entries()) expect(t - (openedAt[i] as number)).toBeGreaterThanOrEqual(79);
    await noTimerBeyond(before); // nothing left waiting once every window is over
  });
});
