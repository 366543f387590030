import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Token, tokenize } from '../../src/commands/lexer.js';

const lex = (input: string): Token[] => {
  const r = tokenize(input);
  if (!r.ok) throw new Error(r.error);
  return r.tokens;
};
const word = (value: string, start: number, quoted = false): Token => ({ value, quoted, start });
const pair = (key: string, value: string, start: number, quoted = false): Token => ({
  key,
  value,
  quoted,
  start,
});

describe('tokenize: concrete cases', () => {
  it.each<[string, Token[]]>([
    ['', []],
    ['   \t\n ', []],
    ['deadlines', [word('deadlines', 0)]],
    ['deadlines days:30', [word('deadlines', 0), pair('days', '30', 10)]],
    ['  a   b ', [word('a', 2), word('b', 6)]],
    ['DAYS:7 Country:US', [pair('days', '7', 0), pair('country', 'US', 7)]],
    ['title:"two words"', [pair('title', 'two words', 0, true)]],
    ["title:'two words'", [pair('title', 'two words', 0, true)]],
    ['title:“smart quotes”', [pair('title', 'smart quotes', 0, true)]],
    ['title:‘single smart’', [pair('title', 'single smart', 0, true)]],
    ['“Slack phrase“', [word('Slack phrase', 0, true)]],
    ['"a bare phrase" x', [word('a bare phrase', 0, true), word('x', 16)]],
    ['at:09:00', [pair('at', '09:00', 0)]],
    ['09:00', [word('09:00', 0)]],
    ['2026-03-15T09:00Z', [word('2026-03-15T09:00Z', 0)]],
    ['https://example.org/a?b=c', [word('https://example.org/a?b=c', 0)]],
    ['source:https://x.y/z', [pair('source', 'https://x.y/z', 0)]],
    ['12:30:45', [word('12:30:45', 0)]],
    ['_x:1 1a:2 a_b-c:3', [word('_x:1', 0), word('1a:2', 5), pair('a_b-c', '3', 10)]],
    ['days:', [pair('days', '', 0)]],
    ['days:""', [pair('days', '', 0, true)]],
    ['""', [word('', 0, true)]],
    ['note:"say \\"hi\\""', [pair('note', 'say "hi"', 0, true)]],
    ["'it\\'s'", [word("it's", 0, true)]],
    ['"back\\\\slash"', [word('back\\slash', 0, true)]],
    ['"C:\\temp"', [word('C:\\temp', 0, true)]],
    ["don't stop", [word("don't", 0), word('stop', 6)]],
    ['"EU"\'s', [word("EU's", 0, true)]],
    ['zone:"Europe/Paris" "x:y"', [pair('zone', 'Europe/Paris', 0, true), word('x:y', 20, true)]],
    ['a\u00a0b', [word('a', 0), word('b', 2)]],
    ['tariff 🇪🇺 25%', [word('tariff', 0), word('🇪🇺', 7), word('25%', 12)]],
  ])('%j', (input, tokens) => {
    expect(lex(input)).toEqual(tokens);
  });

  it.each([
    ['title:"two words', 7, '"'],
    ["x 'open", 3, "'"],
    ['“never closed', 1, '”'],
    ['"escaped end\\"', 1, '"'],
  ])('rejects the unclosed quote in %j', (input, position, closer) => {
    const r = tokenize(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(`character ${position}`);
      expect(r.error).toContain(`close the quote with ${closer}`);
    }
  });

  it('rejects text over 2000 characters and accepts exactly 2000', () => {
    expect(tokenize('a'.repeat(2001))).toEqual({
      ok: false,
      error: 'command text is too long (2001 characters; at most 2000)',
    });
    expect(tokenize('a'.repeat(2000)).ok).toBe(true);
  });
});

describe('tokenize: properties', () => {
  it('never throws, and tokens start inside the input in order', () => {
    // Any code point, lone surrogates and control characters included.
    const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp));
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: codePoint, maxLength: 300 }));
    fc.assert(
      fc.property(text, (input) => {
        const r = tokenize(input);
        if (!r.ok) return;
        const starts = r.tokens.map((t) => t.start);
        return starts.every((start, i) => start < input.length && (i === 0 || start > (starts[i - 1] ?? 0)));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings built from the tricky characters', () => {
    const tricky = fc.constantFrom(...'"\'“”‘’\\: /\t\nak09');
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 40 }), (chars) => {
        tokenize(chars.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a key exactly where the key pattern matches the word', () => {
    const KEY = /^([A-Za-z][A-Za-z0-9_-]*):(?!\/\/)/;
    const chars = fc.constantFrom(...'aZk09_-:/ \t"é');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (list) => {
        const input = list.join('');
        const r = tokenize(input);
        if (!r.ok) return;
        for (const t of r.tokens) {
          const word = /^\S*/.exec(input.slice(t.start))?.[0] ?? '';
          expect(t.key).toBe(KEY.exec(word)?.[1]?.toLowerCase());
        }
      }),
      { numRuns: 3000 },
    );
  });

  type Part = { value: string; quoted: boolean };
  const simpleWord = fc.stringMatching(/^[A-Za-z0-9._\-/@%]{1,12}$/).filter((w) => !w.includes(':'));
  const phrase = fc.string({ maxLength: 20 });
  const part: fc.Arbitrary<Part> = fc.oneof(
    simpleWord.map((value) => ({ value, quoted: false })),
    phrase.map((value) => ({ value, quoted: true })),
  );
  const encode = (p: Part): string => (p.quoted ? `"${p.value.replace(/[\\"]/g, '\\$&')}"` : p.value);

  it('round-trips the values of simple words and quoted phrases joined by spaces', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), fc.constantFrom(' ', '  ', '\t'), (parts, sep) => {
        const tokens = lex(parts.map(encode).join(sep));
        expect(tokens.map((t) => ({ value: t.value, quoted: t.quoted }))).toEqual(parts);
        expect(tokens.every((t) => t.key === undefined)).toBe(true);
      }),
    );
  });

  it('round-trips key:value pairs with quoted values', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
    // key://… is deliberately a bare URL-like value, so values here never start with //.
    const value = part.filter((p) => p.quoted || !p.value.startsWith('//'));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), (pairs) => {
        const tokens = lex(pairs.map(([k, p]) => `${k}:${encode(p)}`).join(' '));
        expect(tokens.map((t) => [t.key, { value: t.value, quoted: t.quoted }])).toEqual(pairs);
      }),
    );
  });
});
