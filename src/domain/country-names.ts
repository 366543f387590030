import { countryName, isCountryCode } from './primitives.js';

/** Common names that are not the English name Intl gives (keys are lower-case, accents dropped). */
const ALIASES: Readonly<Record<string, string>> = {
  prc: 'CN',
  'mainland china': 'CN',
  "people's republic of china": 'CN',
  'peoples republic of china': 'CN',
  us: 'US',
  usa: 'US',
  america: 'US',
  'united states of america': 'US',
  'the united states': 'US',
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  eu: 'EU',
  europe: 'EU',
  korea: 'KR',
  'republic of korea': 'KR',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  holland: 'NL',
  czechia: 'CZ',
  'czech republic': 'CZ',
};

const fold = (s: string) =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

let byName: Map<string, string> | undefined;

/** Every ISO code's English name (and its aliases), folded, to its code. Built once. */
function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(ALIASES));
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) {
        const name = fold(countryName(code));
        if (!byName.has(name)) byName.set(name, code);
      }
    }
  return byName;
}

/** The ISO code a user means by a code or a name, any case: "cn", "China", "PRC", "usa", "United States". */
export function countryCode(input: string): string | undefined {
  const upper = input.trim().toUpperCase();
  if (isCountryCode(upper)) return upper;
  return names().get(fold(input));
}

const SHORT: Readonly<Record<string, string>> = { US: 'US', EU: 'EU', GB: 'UK' };

/** "US", "EU" or "China's": a country as the one imposing a duty, before a noun ("China's tariffs"). */
export function imposer(code: string): string {
  const short = SHORT[code];
  if (short) return short;
  const name = countryInSentence(code);
  return `${name}${name.endsWith('s') ? "'" : "'s"}`;
}

const inSentence = new Map<string, string>();

/** "China" / "the United States": a country's name as it reads inside a sentence (memoized per code). */
export function countryInSentence(code: string): string {
  let text = inSentence.get(code);
  if (text === undefined) {
    const name = countryName(code);
    text = /^(United|European|Netherlands|Philippines)/.test(name) ? `the ${name}` : name;
    // Codes are two letters (at most 676), but the cap keeps a caller with other strings from growing it.
    if (inSentence.size >= 1_000) inSentence.clear();
    inSentence.set(code, text);
  }
  return text;
}
