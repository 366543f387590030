import type { SourceDocument } from './document.js';
import { frFirstUrl, frToDocument, parseFrPage } from './federal-register.js';
import { parseFeedDocuments } from './feed.js';
import type { Fetcher } from './fetcher.js';
import { passesFilters } from './relevance.js';
import { SourceError } from './source-error.js';
import type { SourceConfig } from './sources-file.js';
import type { SourceState } from './watcher-state.js';

/** What one read gave: not modified, or every document of every page with the validators of the first. */
export type Read =
  | { notModified: true }
  | {
      notModified: false;
      url: string;
      etag: string | null;
      lastModified: string | null;
      documents: SourceDocument[];
      duplicates: number;
    };

/** Fetches and parses every page of `source` (conditional on the first), or throws a SourceError. */
export async function readSource(
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
