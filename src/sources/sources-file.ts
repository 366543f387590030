import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseDuration } from '../commands/values.js';
import { CountryCode, Slug, TimeZone } from '../domain/primitives.js';

/** Federal Register document types as the API's `conditions[type][]` names them. */
export const FR_TYPES = ['RULE', 'PRORULE', 'NOTICE', 'PRESDOCU'] as const;
export const FrType = z.enum(FR_TYPES);
export type FrType = z.infer<typeof FrType>;

const Words = (what: string) =>
  z.array(z.string().trim().min(1, `each ${what} must be non-empty`).max(120)).max(100);

/** A duration such as 30m or 6h, in milliseconds (at least 5 minutes: official sites are polled politely). */
const Interval = z
  .string()
  .default('30m')
  .transform((text, ctx) => {
    const r = parseDuration(text);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
    else if (r.value < 5) ctx.addIssue({ code: 'custom', message: 'must be at least 5m, e.g. 30m' });
    return r.ok ? r.value * 60_000 : z.NEVER;
  });

/** One relevance rule: it matches when every condition it names holds (any keyword, any agency, any type). */
export const Rule = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    keywords: Words('keyword').optional(),
    agencies: Words('agency').optional(),
    types: z.array(FrType).optional(),
  })
  .refine((r) => r.keywords?.length || r.agencies?.length || r.types?.length, {
    message: 'a rule needs keywords, agencies or types to match on',
  });
export type Rule = z.infer<typeof Rule>;

const common = {
  id: Slug,
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  interval: Interval,
  enabled: z.boolean().default(true),
  keywords: Words('keyword').default([]),
  rules: z.array(Rule).max(50).default([]),
  country: CountryCode.optional(),
  timeZone: TimeZone.default('America/New_York'),
  /** Documents published this many days before the last good check (or today) are still proposed as new. */
  lookbackDays: z.number().int().min(0).max(365).default(14),
};

/** A Federal Register API base: the documents search, or the public-inspection desk. */
export const FederalRegisterSource = z.strictObject({
  ...common,
  kind: z.literal('federal-register'),
  endpoint: z.enum(['documents', 'public-inspection']).default('documents'),
  agencies: Words('agency slug').default([]),
  types: z.array(FrType).default([]),
  terms: z.string().trim().min(1).max(200).optional(),
  perPage: z.number().int().min(1).max(1000).default(100),
  maxPages: z.number().int().min(1).max(20).default(3),
});

/** An RSS 2.0 or Atom feed; `agency` names who publishes it. */
export const FeedSource = z.strictObject({
  ...common,
  kind: z.literal('feed'),
  agency: z.string().trim().min(1).max(120).optional(),
});

export const SourceConfig = z.discriminatedUnion('kind', [FederalRegisterSource, FeedSource], {
  error: 'kind must be "federal-register" or "feed"',
});
export type SourceConfig = z.infer<typeof SourceConfig>;
export type FederalRegisterSource = z.infer<typeof FederalRegisterSource>;
export type FeedSource = z.infer<typeof FeedSource>;

export const SourcesFile = z.array(SourceConfig).max(100);

/** "[i].id: …" for each entry reusing an earlier entry's id (checked on the raw entries, so it shows beside other problems). */
function duplicateIds(json: unknown): { index: number; id: string }[] {
  if (!Array.isArray(json)) return [];
  const ids = json.map((e) => (typeof e?.id === 'string' ? e.id : null));
  return ids.flatMap((id, index) => (id !== null && ids.indexOf(id) < index ? [{ index, id }] : []));
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The sources in `json`, or each problem as "where: what would be valid" (e.g. "sources[2].url: must be …"). */
export function parseSources(json: unknown, file = 'sources'): Loaded<SourceConfig[]> {
  const r = SourcesFile.safeParse(json);
  const dupes = duplicateIds(json).map(
    (d) => `${file}[${d.index}].id: id "${d.id}" is used twice; each source needs its own`,
  );
  if (r.success && dupes.length === 0) return { ok: true, value: r.data };
  return {
    ok: false,
    problems: (r.success ? [] : r.error.issues)
      .map((i) => {
        const [index, ...rest] = i.path;
        const where =
          index === undefined
            ? file
            : `${file}[${String(index)}]${rest.map((p) => `.${String(p)}`).join('')}`;
        return `${where}: ${i.message}`;
      })
      .concat(dupes),
  };
}

/** Reads and checks SOURCES_FILE; a missing file, bad JSON or bad entry is a problem named, never a crash. */
export async function loadSourcesFile(path: string): Promise<Loaded<SourceConfig[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return {
      ok: false,
      problems: [`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`],
    };
  }
  try {
    return parseSources(JSON.parse(text), path);
  } catch (e) {
    return { ok: false, problems: [`${path}: is not JSON (${(e as Error).message})`] };
  }
}
