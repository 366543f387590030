import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance, uniquePrefix } from '../../src/commands/suggest.js';

const commands = [
  'deadlines',
  'digest',
  'meetings',
  'measures',
  'subscribe',
  'unsubscribe',
  'help',
  'remind',
];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['digest', 'digset', 1],
    ['ca', 'ac', 1],
    ['meetings', 'meetigns', 1],
    ['help', 'help', 0],
  ])('%j -> %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is symmetric and bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d === 0).toBe(a === b);
      }),
    );
  });
});

describe('closest', () => {
  it.each<[string, string | undefined]>([
    ['digest', 'digest'],
    ['DIGEST', 'digest'],
    ['digset', 'digest'],
    ['deadline', 'deadlines'],
    ['dedlines', 'deadlines'],
    ['meetigns', 'meetings'],
    ['mea', 'measures'],
    ['sub', 'subscribe'],
    ['unsub', 'unsubscribe'],
    ['hlep', 'help'],
    ['remnid', 'remind'],
    ['xyz', undefined],
    ['tariffs', undefined],
    ['', undefined],
    ['   ', undefined],
  ])('%j -> %j', (input, expected) => {
    expect(closest(input, commands)).toBe(expected);
  });

  it('keeps the candidate spelling and honours maxDistance', () => {
    expect(closest('country', ['Country', 'countries'])).toBe('Country');
    expect(closest('hepl', commands, 0)).toBeUndefined();
    expect(closest('hepl', commands, 1)).toBe('help');
    expect(closest('abc', [])).toBeUndefined();
  });

  it('prefers a prefix match over a closer edit', () => {
    expect(closest('me', ['me2', 'measures'])).toBe('me2');
    expect(closest('day', ['days', 'dat'])).toBe('days');
  });

  it('always returns one of the candidates or undefined', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 8 }),
        (input, list) => {
          const r = closest(input, list);
          expect(r === undefined || list.includes(r)).toBe(true);
        },
      ),
    );
  });
});

describe('uniquePrefix', () => {
  it.each<[string, { match?: string; ambiguous: string[] }]>([
    ['digest', { match: 'digest', ambiguous: [] }],
    ['dig', { match: 'digest', ambiguous: [] }],
    ['DEAD', { match: 'deadlines', ambiguous: [] }],
    ['d', { ambiguous: ['deadlines', 'digest'] }],
    ['me', { ambiguous: ['meetings', 'measures'] }],
    ['mee', { match: 'meetings', ambiguous: [] }],
    ['x', { ambiguous: [] }],
    ['', { ambiguous: [] }],
  ])('%j', (input, expected) => {
    expect(uniquePrefix(input, commands)).toEqual(expected);
  });

  it('lets an exact match win over longer names sharing the prefix', () => {
    expect(uniquePrefix('sub', ['sub', 'subscribe'])).toEqual({ match: 'sub', ambiguous: [] });
    expect(uniquePrefix('su', ['sub', 'subscribe', 'sub'])).toEqual({ ambiguous: ['sub', 'subscribe'] });
  });
});
