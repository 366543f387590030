import { afterEach, describe, expect, it } from 'vitest';
import { restarted, seededBot } from '../helpers/bot.js';
import { schedulerFor, slackChannel } from '../helpers/scheduler.js';

const C = slackChannel('CWEEKLY');

describe('the week-ahead post (weekly:yes)', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('comes with Monday’s digest only, and says it is late when the bot was down at its time', async () => {
    const t = await seededBot('2026-11-05T12:00:00Z'); // a Thursday
    close = t.close;
    const s = schedulerFor(t);
    await s.subscribe(C, 'time:08:00 zone:UTC weekly:yes kinds:other');
    for (const iso of ['2026-11-06T08:00:00Z', '2026-11-07T08:00:00Z', '2026-11-08T08:00:00Z'])
      await s.at(iso);
    expect(s.inbox.map((m) => m.key)).toEqual([
      'digest:slack:CWEEKLY:2026-11-06',
      'digest:slack:CWEEKLY:2026-11-07',
      'digest:slack:CWEEKLY:2026-11-08',
    ]);
    // Down over Monday 08:00; back at 09:30, within the digests' two hours of grace.
    const back = await restarted(t);
    close = back.close;
    const again = schedulerFor(back);
    await again.at('2026-11-09T09:30:00Z');
    expect(again.inbox.map((m) => m.title)).toEqual(['Daily trade digest', 'The week ahead']);
    for (const m of again.inbox)
      expect(m.text, m.title).toMatch(/Sent late: this was due 1 hour 30 minutes ago/);
    expect(again.inbox[1]?.text).toContain('End of the one-year Busan truce');
  });
});
