import { contentDigest, type SourceDocument } from './document.js';
import { frFirstUrl, frToDocument, parseFrPage } from './federal-register.js';
import { parseFeedDocuments } from './feed.js';
import type { Fetcher } from './fetcher.js';
import { type Proposal, propose } from './proposal.js';
import { matchRule, passesFilters } from './relevance.js';
import { asSourceError, SourceError } from './source-error.js';
import type { SourceConfig } from './sources-file.js';
import { backoffMs, MAX_SEEN, type SourceState } from './watcher-state.js';

/** The outcome of one check: the source's next state and its proposals, or its error and nothing else new. */
export type CheckResult =
  | {
      sourceId: string;
      ok: true;
      notModified: boolean;
      state: SourceState;
      proposals: Proposal[];
      documents: number;
    }
  | { sourceId: string; ok: false; state: SourceState; error: SourceError };

type Read =
  | { notModified: true }
  | {
      notModified: false;
      url: string;
      etag: string | null;
      lastModified: string | null;
      documents: SourceDocument[];
      duplicates: number;
    };

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const dateIn = (ms: number, zone: string) => new Date(ms).toLocaleDateString('en-CA', { timeZone: zone });

/**
 * Checks one source at `now`. Everything is fetched and parsed before anything is decided, so a failure anywhere
 * returns the previous state with only the error, the check time and the backoff changed.
 */
export async function checkSource(
  source: SourceConfig,
  prev: SourceState,
  proposals: readonly Proposal[],
  fetcher: Fetcher,
  now: number,
): Promise<CheckResult> {
  const at = new Date(now).toISOString();
  const today = dateIn(now, source.timeZone);
  // Searches start from the last good check's day less the look-back (so a long outage is caught up), and documents
  // older than that are remembered but never proposed as new: a first check does not flood editors.
  const since = addDays(prev.cursor && prev.cursor < today ? prev.cursor : today, -source.lookbackDays);
  const counts = { ...prev.counts, checks: prev.counts.checks + 1 };
  try {
    const read = await readSource(source, prev, since, fetcher);
    const next = {
      ...prev,
      lastCheck: at,
      lastSuccess: at,
      lastError: null,
      consecutiveErrors: 0,
      nextCheckAt: new Date(now + source.interval).toISOString(),
    };
    if (read.notModified) {
      const state = { ...next, counts: { ...counts, notModified: counts.notModified + 1 } };
      return { sourceId: source.id, ok: true, notModified: true, state, proposals: [], documents: 0 };
    }
    const seen = new Map(prev.seen);
    const made: Proposal[] = [];
    let changed = 0;
    for (const doc of read.documents) {
      const digest = contentDigest(doc);
      if (seen.get(doc.key) === digest) continue;
      changed++;
      seen.delete(doc.key);
      seen.set(doc.key, digest);
      const recent = !doc.publicationDate || doc.publicationDate >= since;
      const p = propose(source, doc, recent ? matchRule(source, doc) : null, [...proposals, ...made], at);
      if (p) made.push(p);
    }
    const state: SourceState = {
      ...next,
      url: read.url,
      etag: read.etag,
      lastModified: read.lastModified,
      cursor: today,
      seen: [...seen].slice(-MAX_SEEN),
      counts: {
        ...counts,
        documents: counts.documents + changed,
        proposals: counts.proposals + made.length,
        duplicates: counts.duplicates + read.duplicates,
      },
    };
    return { sourceId: source.id, ok: true, notModified: false, state, proposals: made, documents: changed };
  } catch (e) {
    const error = asSourceError(e);
    const n = prev.consecutiveErrors + 1;
    const wait = backoffMs(source.interval, n, error.retryAfterMs);
    const state: SourceState = {
      ...prev,
      lastCheck: at,
      lastError: { kind: error.kind, message: error.message, at },
      consecutiveErrors: n,
      nextCheckAt: new Date(now + wait).toISOString(),
      counts: { ...counts, errors: counts.errors + 1 },
    };
    return { sourceId: source.id, ok: false, state, error };
  }
}

/** Fetches and parses every page of `source` (conditional on the first), or throws a SourceError. */
async function readSource(
  source: SourceConfig,
  prev: SourceState,
  since: string,
  fetcher: Fetcher,
): Promise<Read> {
  const url =
    source.kind === 'feed' ? source.url : frFirstUrl(source, source.endpoint === 'documents' ? since : null);
  const validators = prev.url === url ? { etag: prev.etag, lastModified: prev.lastModified } : {};
  const expect = source.kind === 'feed' ? 'xml' : 'json';
  const first = await fetcher({ url, expect, ...validators });
  if (first.status === 'not-modified') return { notModified: true };
  const meta = { notModified: false as const, url, etag: first.etag, lastModified: first.lastModified };
  if (source.kind === 'feed') return { ...meta, ...parseFeedDocuments(source, first.body) };
  const documents: SourceDocument[] = [];
  const keys = new Set<string>();
  let duplicates = 0;
  let body = first.body;
  for (let page = 1; ; page++) {
    const parsed = parseFrPage(parseJson(body));
    for (const d of parsed.results.map((r) => frToDocument(source.id, r))) {
      if (keys.has(d.key)) duplicates++;
      else if (passesFilters(source, d)) documents.push(d);
      keys.add(d.key);
    }
    if (!parsed.next_page_url || page >= source.maxPages) break;
    const nextUrl = new URL(parsed.next_page_url, url);
    if (nextUrl.origin !== new URL(url).origin)
      throw new SourceError(
        'invalid',
        `next_page_url points to another site (${nextUrl.origin}); not followed`,
      );
    const more = await fetcher({ url: nextUrl.toString(), expect });
    if (more.status !== 'ok')
      throw new SourceError('invalid', 'a later page answered 304 to a request without validators');
    body = more.body;
  }
  return { ...meta, documents, duplicates };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SourceError('malformed', `the answer is not valid JSON (${(e as Error).message})`);
  }
}
