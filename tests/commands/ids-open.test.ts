import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBot, type TestBot } from '../helpers/bot.js';

/** Every `slug` an answer prints in backticks: the ids a reader is invited to open. */
function printedIds(text: string): string[] {
  return [...text.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)*)`/g)].map((m) => m[1] as string);
}

describe('every id an answer prints opens that very item', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-12-02T12:00:00Z');
  });
  afterAll(() => t.close());

  it('ids from tariffs CN/US, brief, events, past events and deadlines on several dates', async () => {
    const ids = new Set<string>();
    const tariffIds = new Set<string>();
    for (const now of [
      '2025-04-12T12:00:00Z',
      '2025-11-01T12:00:00Z',
      '2026-03-12T09:00:00Z',
      '2026-12-02T12:00:00Z',
    ]) {
      t.clock.set(Date.parse(now));
      for (const cmd of ['tariffs CN', 'tariffs US'])
        for (const id of printedIds(await t.say(cmd))) tariffIds.add(id);
      for (const cmd of ['brief', 'events days:90', 'events past days:365', 'deadlines days:365'])
        for (const id of printedIds(await t.say(cmd))) ids.add(id);
    }
    for (const id of tariffIds) ids.add(id);
    // The seed has dozens of measures on China, and the United States' goods face China's: enough to mean something.
    expect(tariffIds.size).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const id of ids) {
      const out = await t.say(`event ${id}`);
      if (!out.includes(`id: ${id}`)) wrong.push(`${id} -> ${out.split('\n')[0]}`);
    }
    expect(wrong).toEqual([]);
  });
});
