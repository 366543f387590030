import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, slackRig } from '../helpers/slack.js';

/**
 * When Slack reuses an answer (the reply cache, src/platforms/reply-cache.ts): a one-off question is answered and
 * not kept; the second ask in the same channel and minute is answered afresh and kept; every later ask is answered
 * from it. Counted at the bot's dispatch, through the real Bolt app over HTTP and the Slack emulator.
 */
describe('Slack keeps a reading answer from its second ask in a channel and minute', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  let dispatches = 0;
  beforeAll(async () => {
    r = await slackRig('2026-03-12T09:00:00Z', {
      wrap: (bot) => ({
        ...bot,
        dispatch: (...args) => {
          dispatches++;
          return bot.dispatch(...args);
        },
      }),
    });
  });
  afterAll(() => r.close());

  it('three asks of /trade brief in one channel compute it twice, and all three answers read the same', async () => {
    const before = dispatches;
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(blockText((await r.slash('brief', 'UREADER', { channelId: 'CREUSE' })).reply));
    expect(dispatches - before).toBe(2);
    expect(answers[0]).toContain('Paris talks at OECD headquarters');
    expect(new Set(answers).size).toBe(1);
  });

  it('a question asked once in each of many channels is computed each time (none is reused across channels)', async () => {
    const before = dispatches;
    for (let i = 0; i < 5; i++) await r.slash('deadlines days:90', 'UREADER', { channelId: `CONE${i}` });
    expect(dispatches - before).toBe(5);
    // The first of them, asked again, is answered afresh: a first ask kept nothing.
    await r.slash('deadlines days:90', 'UREADER', { channelId: 'CONE0' });
    expect(dispatches - before).toBe(6);
  });
});
