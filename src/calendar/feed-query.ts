import { z } from 'zod';
import { EVENT_KINDS, EventKind } from '../domain/event.js';
import { CountryCode } from '../domain/primitives.js';
import type { CalendarFilter } from './feed.js';

/** A feed address longer than this is refused (414) before anything else is read. */
export const MAX_QUERY_CHARS = 2000;
const MAX_LIST = 50;

/** A comma-separated list in one query parameter, each part checked by `item`, deduplicated and sorted. */
const list = <T extends string>(item: z.ZodType<T, string>, what: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, `give at least one ${what}`).max(MAX_LIST, `at most ${MAX_LIST} ${what}s`))
    .transform((xs) => [...new Set(xs)].sort());

/** The query of /calendar.ics, parsed: the token (checked by the route), and the filters as `events` takes them. */
export const FeedQuery = z.object({
  token: z.string().min(1, 'is empty').max(200, 'is too long').optional(),
  countries: list(
    z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(CountryCode),
    'country code',
  ).optional(),
  kinds: list(
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(EventKind.or(z.never())),
    'kind',
  ).optional(),
});

/** A feed request's query: its token (if any, checked first), and its filter or the problem with it. */
export interface FeedQueryResult {
  readonly token: string | undefined;
  readonly filter: CalendarFilter;
  readonly problem?: { readonly status: 400 | 414; readonly message: string };
}

const HELP: Record<string, string> = {
  countries: 'countries must be ISO codes separated by commas, e.g. countries=US,CN',
  kinds: `kinds must be among ${EVENT_KINDS.join(', ')}, separated by commas, e.g. kinds=summit,deadline`,
  token: 'token must be the token from your /trade calendar link',
};

/**
 * Reads the query string of a feed request (without the `?`). Each parameter may be given once; unknown ones are
 * ignored (some clients add their own). A problem is one line naming the parameter and what is valid, quoting
 * nothing from the request; the token is still read, so the route can refuse a stranger before anything else.
 */
export function parseFeedQuery(search: string): FeedQueryResult {
  const refuse = (status: 400 | 414, message: string, token?: string): FeedQueryResult => ({
    token,
    filter: {},
    problem: { status, message },
  });
  if (search.length > MAX_QUERY_CHARS)
    return refuse(414, `the address is longer than ${MAX_QUERY_CHARS} characters`);
  const params = new URLSearchParams(search);
  const tokens = params.getAll('token');
  const token = tokens.length === 1 ? tokens[0] : undefined;
  const raw: Record<string, string> = {};
  for (const key of ['token', 'countries', 'kinds'] as const) {
    const all = params.getAll(key);
    if (all.length > 1) return refuse(400, `${key} is given twice; give it once`, token);
    if (all[0] !== undefined) raw[key] = all[0];
  }
  const r = FeedQuery.safeParse(raw);
  if (!r.success) {
    const field = String(r.error.issues[0]?.path[0] ?? 'query');
    return refuse(400, HELP[field] ?? `${field} is not valid`, token);
  }
  return { token: r.data.token, filter: { countries: r.data.countries, kinds: r.data.kinds } };
}
