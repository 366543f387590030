import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Renders a path like events[3].start.at; the empty path is "(top level)". */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Flattens union issues into the branch with the fewest issues, so messages name the real problem. */
function flatten(issue: Issue, prefix: Path): Array<{ path: Path; message: string }> {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length > 0) return best.flatMap((inner) => flatten(inner, path));
  }
  return [{ path, message: issue.message }];
}

/** A short human summary of zod issues: the first `max` as "path: message", then how many more. */
export function formatIssues(issues: readonly Issue[], max = 3): string {
  const flat = issues.flatMap((issue) => flatten(issue, []));
  const shown = flat.slice(0, max).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = flat.length > max ? `; and ${flat.length - max} more` : '';
  return shown.join('; ') + more;
}
