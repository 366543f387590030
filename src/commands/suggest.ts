/** "Did you mean" helpers for command names and option keys. */

/** Optimal-string-alignment (restricted Damerau-Levenshtein) distance: edits, with adjacent swaps costing 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** The candidate `input` most likely meant (case-insensitive): exact, else shortest prefix match, else nearest within `maxDistance`. */
export function closest(
  input: string,
  candidates: readonly string[],
  maxDistance = Math.max(2, Math.floor(input.length / 3)),
): string | undefined {
  const needle = input.trim().toLowerCase();
  if (needle === '') return undefined;
  const lower = candidates.map((c) => c.toLowerCase());
  const exact = lower.indexOf(needle);
  if (exact >= 0) return candidates[exact];
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [i, c] of lower.entries()) {
    // Prefix matches always beat edits; among them the shortest (closest in length) wins.
    const score = c.startsWith(needle) ? c.length - needle.length - 1000 : editDistance(needle, c);
    if (score < bestScore && (score < 0 || score <= maxDistance)) {
      best = candidates[i];
      bestScore = score;
    }
  }
  return best;
}

/** Resolves an abbreviation (case-insensitive): an exact or sole prefix match, else the ambiguous candidates. */
export function uniquePrefix(
  input: string,
  candidates: readonly string[],
): { match?: string; ambiguous: string[] } {
  const needle = input.trim().toLowerCase();
  if (needle === '') return { ambiguous: [] };
  const exact = candidates.find((c) => c.toLowerCase() === needle);
  if (exact !== undefined) return { match: exact, ambiguous: [] };
  const hits = [...new Set(candidates.filter((c) => c.toLowerCase().startsWith(needle)))];
  const [only] = hits;
  return hits.length === 1 && only !== undefined ? { match: only, ambiguous: [] } : { ambiguous: hits };
}
