import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBot } from '../helpers/bot.js';

describe('reading the seeded timeline', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('brief three days before Paris shows the talks with their countdown', async () => {
    const out = await t.say('brief');
    expect(out).toContain('Next 7 days');
    expect(out).toMatch(/Sun 15 Mar 2026 – Mon 16 Mar 2026 — Paris talks[^\n]* · in 3 days/);
    expect(out).toContain('paris-talks-2026');
  });

  it('brief shows the Section 122 surcharge as the across-the-board rate in March 2026', async () => {
    const out = await t.say('brief');
    expect(out).toMatch(/10% across the board on goods from China \(Section 122 10%\)/);
  });

  it('tariffs on a past date shows the stack of that date', async () => {
    const out = await t.say('tariffs CN on:2025-06-01');
    expect(out).toMatch(/30% across the board on goods from China/);
    expect(out).toContain('IEEPA');
  });

  it('event details carry the time, the zone and a source link', async () => {
    const out = await t.say('event paris-talks-2026');
    expect(out).toContain('Europe/Paris');
    expect(out).toMatch(/Sources\n {2}• .+ <https?:\/\//);
  });

  it('an event can be found by the start of its name', async () => {
    const out = await t.say('event Paris talks');
    expect(out).toContain('paris-talks-2026');
  });

  it('countdown to the truce expiry counts from the injected clock', async () => {
    const out = await t.say('countdown busan-truce-expiry');
    // From 12 Mar 2026 (05:00 in New York) to 10 Nov 2026 (00:01 in New York) is 243 calendar days.
    expect(out).toMatch(/Busan truce: in 243 days\n/);
    expect(out).toContain('unverified');
  });

  it('deadlines lists the comment deadline of 15 April within 40 days', async () => {
    const out = await t.say('deadlines days:40');
    expect(out).toMatch(/Wed 15 Apr 2026/);
  });

  it('events past lists the Supreme Court ruling of 20 February', async () => {
    const out = await t.say('events past days:30');
    expect(out).toMatch(/Learning Resources|Supreme Court/);
  });

  it('help lists every command with an example', async () => {
    const out = await t.say('help');
    for (const name of [
      'brief',
      'events',
      'event',
      'tariffs',
      'deadlines',
      'countdown',
      'add',
      'edit',
      'remove',
      'restore',
    ])
      expect(out).toContain(`/trade ${name}`);
  });
});
