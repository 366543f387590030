import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { type SourceDocument, shortHash } from './document.js';
import { htmlToText } from './html-text.js';
import { cleanOrNull, httpUrl } from './sanitize.js';
import { SourceError } from './source-error.js';
import type { FeedSource } from './sources-file.js';

/** The feed's items, first occurrence of each key kept; throws a SourceError when the XML is not a feed. */
export function parseFeedDocuments(
  source: FeedSource,
  text: string,
): { documents: SourceDocument[]; duplicates: number } {
  // Blank lines before the XML declaration are a common publishing slip (WordPress plugins): not worth an error.
  const xml = text.replace(/^\uFEFF?\s+/, '');
  // The parser is lenient by design (it reads half a feed); a truncated or broken document must fail whole instead.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SourceError(
      'malformed',
      `the feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  }
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch {
    throw new SourceError('malformed', 'the answer is XML but not an RSS or Atom feed');
  }
  const seen = new Set<string>();
  const documents: SourceDocument[] = [];
  let duplicates = 0;
  for (const item of feed.items) {
    const doc = itemToDocument(source, item);
    if (!doc) continue;
    if (seen.has(doc.key)) duplicates++;
    else documents.push(doc);
    seen.add(doc.key);
  }
  return { documents, duplicates };
}

type FeedItem = ReturnType<typeof parseFeed>['items'][number];

/** A YYYY-MM-DD date of `at` in `zone` (agencies date their releases in their own zone). */
const localDate = (at: Date, zone: string): string => at.toLocaleDateString('en-CA', { timeZone: zone });

function itemToDocument(source: FeedSource, item: FeedItem): SourceDocument | null {
  const title = cleanOrNull(item.title);
  const link = httpUrl(item.url, source.url);
  const when = item.published ?? item.updated;
  const at = when && !Number.isNaN(when.getTime()) ? when : null;
  // Identity: guid/id, else link, else a digest of title and date (the reference's order).
  const key =
    cleanOrNull(item.id, 500) ??
    link ??
    (title ? `h:${shortHash(`${title}|${at?.toISOString() ?? ''}`, 12)}` : null);
  if (!key || !title) return null;
  return {
    sourceId: source.id,
    key,
    title,
    agencies: source.agency ? [{ name: source.agency, slug: null }] : [],
    type: null,
    documentNumber: null,
    publicationDate: at ? localDate(at, source.timeZone) : null,
    effectiveDate: null,
    commentsCloseOn: null,
    summary: htmlToText(item.description ?? item.content, 1000),
    link,
    rawDates: {
      published:
        item.published && !Number.isNaN(item.published.getTime()) ? item.published.toISOString() : null,
      updated: item.updated && !Number.isNaN(item.updated.getTime()) ? item.updated.toISOString() : null,
    },
  };
}
