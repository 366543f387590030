import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../src/domain/timeline.js';
import type { TimelineItem } from '../../src/domain/timeline-item.js';
import { SeedData } from '../../src/store/schema.js';

const seed = SeedData.parse(JSON.parse(readFileSync('data/seed.json', 'utf8')));
const timeline = new Timeline(seed.events, seed.measures);

/** What a search looks in, as the README describes it: one lower-cased text per item, fields joined by spaces. */
function joinedText(item: TimelineItem): string {
  const o = item.origin;
  const fields =
    o.type === 'event'
      ? [o.event.summary, o.event.location, ...(o.event.participants ?? []), ...(o.event.tags ?? [])]
      : [o.measure.scope, o.measure.summary, o.measure.authority];
  return [item.id, item.title, item.kind, ...item.countries, ...fields.map((f) => f ?? '')]
    .join(' ')
    .toLowerCase();
}

const expected = (text: string) => {
  const words = text.toLowerCase().split(/\s+/);
  return timeline.items.filter((it) => words.every((w) => joinedText(it).includes(w))).map((it) => it.id);
};

/** Words of the seed itself (so searches find things), in any case, and some that match nothing. */
const seedWords = [...new Set(timeline.items.flatMap((it) => joinedText(it).split(/\s+/)))].filter(Boolean);
const word = fc.oneof(
  fc.constantFrom(...seedWords).map((w) => w.slice(0, 3 + (w.length % 5))),
  fc.constantFrom(...seedWords).map((w) => w.toUpperCase()),
  fc.string({ minLength: 1, maxLength: 4 }).filter((w) => !/\s/.test(w)),
);

describe('text search over the timeline (nothing cached between searches)', () => {
  it('finds exactly the items whose text holds every word, in any case', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (words) => {
        const text = words.join(' ');
        expect(timeline.search({ text }).map((it) => it.id)).toEqual(expected(text));
      }),
      { numRuns: 300 },
    );
  });

  it('finds a seed item by a word of its title and nothing for a word no item holds', () => {
    const truce = timeline.items.find((it) => /truce/i.test(it.title));
    expect(truce).toBeDefined();
    expect(timeline.search({ text: 'TRUCE' }).map((it) => it.id)).toContain(truce?.id);
    expect(timeline.search({ text: 'truce zzqqxx' })).toEqual([]);
  });
});
