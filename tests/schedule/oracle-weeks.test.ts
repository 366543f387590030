import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/domain/subscription.js';
import { seededBot } from '../helpers/bot.js';
import { schedulerFor } from '../helpers/scheduler.js';
import { expectedPosts } from './fixtures/minute-oracle.js';

const MIN = 60_000;
const ch = (id: string): ChannelRef => ({ platform: 'slack', id });

/** Channels in zones whose clocks change in the window, with digest times in the gap and the overlap. */
const SUBSCRIPTIONS: [string, string][] = [
  ['CNY', 'time:02:30 zone:America/New_York leads:7d,1d,1h'],
  ['CLON', 'time:01:30 zone:Europe/London leads:1d,90m weekly:yes'],
  ['CPAR', 'time:02:15 zone:Europe/Paris leads:2d weekdays:yes countries:CN'],
  ['CHOWE', 'time:02:00 zone:Australia/Lord_Howe leads:1d,1h'],
  ['CKOL', 'time:00:00 zone:Asia/Kolkata leads:36h kinds:deadline,summit,meeting'],
  ['CCHAT', 'time:23:59 zone:Pacific/Chatham leads:1h'],
];

/** Items that fall in the windows: all-day ones start at midnight in each channel's zone. */
const ITEMS = [
  'title:"Spring all-day hearing" start:2026-03-09 kind:hearing countries:US,CN',
  'title:"Spring call at the gap" start:"2026-03-09 02:30 America/New_York" kind:call countries:US',
  'title:"Lord Howe deadline" start:2026-04-06 kind:deadline countries:CN',
  'title:"Autumn all-day meeting" start:2026-10-26 kind:meeting countries:CN',
  'title:"Autumn overlap call" start:"2026-11-02 01:30 Europe/London" kind:call countries:GB',
];

describe('the scheduler against a minute-by-minute oracle, over days when clocks change', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  for (const [from, to] of [
    ['2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z'], // New York springs forward on 8 March
    ['2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z'], // Europe springs forward on 29 March
    ['2026-04-04T00:00:00Z', '2026-04-07T00:00:00Z'], // Lord Howe falls back half an hour on 5 April
    ['2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z'], // Europe falls back on 25 October
    ['2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z'], // New York falls back on 1 November
  ] as const)
    it(`from ${from.slice(0, 10)} to ${to.slice(0, 10)}, posts exactly what the oracle expects, each at its minute`, async () => {
      const t = await seededBot(from);
      close = t.close;
      const s = schedulerFor(t);
      for (const [id, options] of SUBSCRIPTIONS)
        expect((await s.subscribe(ch(id), options)).title).toMatch(/^Subscribed/);
      for (const item of ITEMS) {
        const r = await t.ask(`add ${item} source:https://example.org/o`);
        expect(r.title).toMatch(/^Added/);
      }
      const start = Date.parse(from);
      const end = Date.parse(to);
      const want = expectedPosts(t.store.read(), start, end);
      // Ticks every half hour, and at each expected minute and the one before it: a post the planner
      // puts at another minute arrives at another tick, and shows up as wrong.
      const ticks = new Set<number>();
      for (let at = start + 30 * MIN; at <= end; at += 30 * MIN) ticks.add(at);
      for (const o of want) ticks.add(o.dueMs).add(o.dueMs - MIN);
      for (const at of [...ticks].sort((a, b) => a - b)) {
        t.clock.set(at);
        await s.scheduler.tick();
      }
      // Channels are posted to concurrently within a round: the order is checked by minute, then by key.
      const got = s.inbox.map((m) => `${new Date(m.atMs).toISOString()} ${m.key}`).sort();
      expect(got).toEqual(want.map((o) => `${new Date(o.dueMs).toISOString()} ${o.key}`).sort());
      expect(got.length).toBeGreaterThan(10);
    }, 120_000);
});
