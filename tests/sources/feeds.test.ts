import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFeedDocuments } from '../../src/sources/feed.js';
import { type FeedItemInput, rss } from '../emulators/source-fixtures.js';
import { MINUTE, NOW, SourceServer, sources, watcher } from './helpers.js';

let server: SourceServer;
beforeEach(async () => {
  server = await SourceServer.start();
});
afterEach(() => server.close());

const feedSource = (path: string, extra: Record<string, unknown> = {}) => ({
  id: path,
  kind: 'feed',
  url: `${server.url}/feeds/${path}`,
  agency: 'Office of the United States Trade Representative',
  keywords: ['China', 'tariff', 'Section 301'],
  ...extra,
});

const ITEMS: FeedItemInput[] = [
  {
    title: 'USTR Announces Section 301 Tariff Action on China',
    link: 'https://ustr.gov/pr/1',
    guid: 'ustr-1',
    date: '2026-12-01T15:00:00Z',
    summary: '<b>New</b> duties &amp; a hearing',
  },
  {
    title: 'Ambassador meets Kenyan delegation',
    link: 'https://ustr.gov/pr/2',
    guid: 'ustr-2',
    date: '2026-12-01T18:00:00Z',
  },
  {
    title: 'Late-night\u0007 statement on \u202eChina trade',
    link: 'https://ustr.gov/pr/3',
    guid: 'ustr-3',
    date: '2026-12-02T03:00:00Z',
  },
  {
    title: 'Archive: 2025 tariff review on China',
    link: 'https://ustr.gov/pr/0',
    guid: 'ustr-0',
    date: '2026-09-01T12:00:00Z',
  },
];

describe.each(['rss', 'atom'] as const)('%s feed proposals', (format) => {
  it('proposes relevant recent items with title, date, link and a plain-text summary, saying which keyword matched', async () => {
    server.feeds.set('ustr', { format, items: ITEMS.map((i) => ({ ...i })) });
    const w = watcher([feedSource('ustr')]);
    const [r] = await w.checkAll(NOW);
    expect(r?.ok).toBe(true);
    const ps = w.proposals();
    expect(ps.map((p) => p.document.key).sort()).toEqual(['ustr-1', 'ustr-3']);
    const one = ps.find((p) => p.document.key === 'ustr-1');
    expect(one?.matchedRule).toBe('rule "keywords": keyword "China" in the title');
    expect(one?.document).toMatchObject({
      title: ITEMS[0]?.title,
      link: 'https://ustr.gov/pr/1',
      publicationDate: '2026-12-01',
      summary: 'New duties & a hearing',
      agencies: [{ name: 'Office of the United States Trade Representative', slug: null }],
    });
    expect(one?.items).toEqual([
      expect.objectContaining({
        role: 'action',
        date: '2026-12-01',
        dateBasis: 'publication date',
        confidence: 'confirmed',
        sources: [{ title: ITEMS[0]?.title, url: 'https://ustr.gov/pr/1' }],
      }),
    ]);
    // 03:00 UTC on 2 December is still 1 December in Washington; control and bidi characters are gone.
    const three = ps.find((p) => p.document.key === 'ustr-3');
    expect(three?.document).toMatchObject({
      title: 'Late-night statement on China trade',
      publicationDate: '2026-12-01',
    });
  });

  it('does not propose again on the next check (a 304) nor after the feed changes order', async () => {
    server.feeds.set('ustr', { format, items: ITEMS.map((i) => ({ ...i })), reorder: true });
    const w = watcher([feedSource('ustr')]);
    for (let i = 0; i < 4; i++) await w.checkAll(NOW + i * 31 * MINUTE);
    expect(
      w
        .proposals(true)
        .map((p) => p.document.key)
        .sort(),
    ).toEqual(['ustr-1', 'ustr-3']);
    // Each item is read once: a reordered item is recognised by its key, not taken for a new one.
    expect(w.statuses()[0]?.state.counts.documents).toBe(ITEMS.length);
    const spec = server.feeds.get('ustr');
    if (spec) spec.reorder = false;
    await w.checkAll(NOW + 200 * MINUTE);
    const [again] = await w.checkAll(NOW + 240 * MINUTE);
    expect(again).toMatchObject({ ok: true, notModified: true });
  });
});

describe('feeds that misbehave', () => {
  it('reads a feed with blank lines before its XML declaration, as some publishing plugins send', () => {
    const [source] = sources([feedSource('ws')]);
    const xml = `\n\n${rss('USTR', [{ title: 'China tariff update', guid: 'w1', date: '2026-12-01T12:00:00Z' }])}`;
    expect(source?.kind === 'feed' && parseFeedDocuments(source, xml).documents.map((d) => d.key)).toEqual([
      'w1',
    ]);
  });

  it('proposes an item once when its GUID appears twice, keeping the first, and counts the duplicate', async () => {
    server.feeds.set('dupes', {
      format: 'rss',
      items: [
        {
          title: 'China tariff update',
          link: 'https://ustr.gov/pr/a',
          guid: 'same',
          date: '2026-12-01T12:00:00Z',
        },
        {
          title: 'China tariff update (copy)',
          link: 'https://ustr.gov/pr/b',
          guid: 'same',
          date: '2026-12-01T12:00:00Z',
        },
        {
          title: 'Section 301 hearing on China',
          link: 'https://ustr.gov/pr/c',
          guid: 'other',
          date: '2026-12-01T13:00:00Z',
        },
      ],
    });
    const w = watcher([feedSource('dupes')]);
    await w.checkAll(NOW);
    await w.checkAll(NOW + 31 * MINUTE);
    expect(w.proposals().map((p) => p.document.title)).toEqual([
      'China tariff update',
      'Section 301 hearing on China',
    ]);
    expect(w.statuses()[0]?.state.counts.duplicates).toBe(1);
  });

  it('identifies items without a guid by link, and without either by title and date', async () => {
    server.feeds.set('plain', {
      format: 'rss',
      items: [
        { title: 'China tariff notice', link: 'https://ustr.gov/pr/x', date: '2026-12-01T12:00:00Z' },
        { title: 'Tariff statement on China', date: '2026-12-01T12:00:00Z' },
      ],
    });
    const w = watcher([feedSource('plain')]);
    await w.checkAll(NOW);
    server.touch('/feeds/plain');
    await w.checkAll(NOW + 31 * MINUTE);
    const keys = w.proposals().map((p) => p.document.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe('https://ustr.gov/pr/x');
    expect(keys[1]).toMatch(/^h:[a-z0-9]{12}$/);
  });

  it('treats malformed XML as a source error and keeps nothing from it', async () => {
    server.faults.set('/feeds/broken', 'malformed-xml');
    const w = watcher([feedSource('broken')]);
    const [r] = await w.checkAll(NOW);
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'malformed', message: expect.stringMatching(/not well-formed XML/) },
    });
    expect(w.proposals()).toEqual([]);
    expect(w.statuses()[0]?.state).toMatchObject({
      seen: [],
      etag: null,
      lastSuccess: null,
      lastError: { kind: 'malformed' },
    });
  });
});
