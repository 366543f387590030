import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceWatcher } from '../../src/sources/watcher.js';
import { WatcherState } from '../../src/sources/watcher-state.js';
import { frDocument } from '../emulators/source-fixtures.js';
import { frSource, MINUTE, NOW, SourceServer, sources, testFetcher, watcher } from './helpers.js';

let server: SourceServer;
beforeEach(async () => {
  server = await SourceServer.start();
  server.documents = [
    frDocument({
      number: '2026-24817',
      title: 'Section 301 tariff action on China',
      agencies: ['ustr'],
      publication: '2026-12-01',
      effective: '2026-12-15',
    }),
  ];
  server.feeds.set('good', {
    format: 'atom',
    items: [
      {
        title: 'China tariff statement',
        guid: 'tag:ustr.gov,2026:1',
        link: 'https://ustr.gov/pr/1',
        date: '2026-12-01T12:00:00Z',
      },
    ],
  });
});
afterEach(() => server.close());

const feed = (id: string, path: string) => ({
  id,
  kind: 'feed',
  url: `${server.url}${path}`,
  keywords: ['China'],
});
const BAD = {
  'html-200': 'html',
  'status-500': 'http',
  hang: 'timeout',
  huge: 'too-large',
  'malformed-xml': 'malformed',
  'rate-limit': 'rate-limited',
  'redirect-ftp': 'redirect',
} as const;

describe('the source watcher', () => {
  it('names each bad source, keeps nothing half-done from it, and goes on with the others', async () => {
    for (const fault of Object.keys(BAD) as (keyof typeof BAD)[]) server.faults.set(`/bad/${fault}`, fault);
    const badSources = Object.keys(BAD).map((f) => feed(`bad-${f}`, `/bad/${f}`));
    const w = watcher([
      ...badSources.slice(0, 4),
      frSource(server),
      ...badSources.slice(4),
      feed('good', '/feeds/good'),
    ]);
    const results = await w.checkAll(NOW);
    expect(results.map((r) => [r.sourceId, r.ok ? 'ok' : r.error.kind])).toEqual([
      ...Object.entries(BAD)
        .slice(0, 4)
        .map(([f, kind]) => [`bad-${f}`, kind]),
      ['fr', 'ok'],
      ...Object.entries(BAD)
        .slice(4)
        .map(([f, kind]) => [`bad-${f}`, kind]),
      ['good', 'ok'],
    ]);
    expect(w.proposals().map((p) => p.sourceId)).toEqual(['fr', 'good']);
    for (const { source, state } of w.statuses().filter((s) => s.source.id.startsWith('bad-'))) {
      expect(state, source.id).toMatchObject({
        seen: [],
        etag: null,
        lastModified: null,
        cursor: null,
        lastSuccess: null,
        consecutiveErrors: 1,
        counts: { checks: 1, errors: 1, proposals: 0 },
      });
      expect(state.lastError?.message, source.id).not.toBe('');
    }
  });

  it('checks each source on its own interval and backs off after errors, honouring Retry-After', async () => {
    server.faults.set('/bad/500', 'status-500');
    server.faults.set('/bad/429', 'rate-limit');
    server.retryAfter = '7200';
    const w = watcher([
      { ...feed('good', '/feeds/good'), interval: '30m' },
      { ...feed('hourly', '/feeds/good'), interval: '1h' },
      feed('failing', '/bad/500'),
      feed('limited', '/bad/429'),
    ]);
    const ids = async (at: number) => (await w.checkDue(at)).map((r) => r.sourceId);
    expect(await ids(NOW)).toEqual(['good', 'hourly', 'failing', 'limited']);
    expect(await ids(NOW + 10 * MINUTE)).toEqual([]);
    // After one error the next try is one interval away; after the second, two (30m, then 60m).
    expect(await ids(NOW + 30 * MINUTE)).toEqual(['good', 'failing']);
    expect(await ids(NOW + 60 * MINUTE)).toEqual(['good', 'hourly']);
    expect(await ids(NOW + 90 * MINUTE)).toEqual(['good', 'failing']);
    const next = (id: string) => w.statuses().find((s) => s.source.id === id)?.state.nextCheckAt;
    expect(next('failing')).toBe(new Date(NOW + 90 * MINUTE + 120 * MINUTE).toISOString());
    // The 429 asked for two hours, longer than the 30-minute interval.
    expect(next('limited')).toBe(new Date(NOW + 120 * MINUTE).toISOString());
  });

  it('keeps its state as plain JSON a new watcher resumes from: revalidation and no repeats', async () => {
    const first = watcher([frSource(server), feed('good', '/feeds/good')]);
    await first.checkAll(NOW);
    const saved = WatcherState.parse(JSON.parse(JSON.stringify(first.snapshot())));
    expect(saved.proposals).toHaveLength(2);
    const second = watcher([frSource(server), feed('good', '/feeds/good')], saved);
    const results = await second.checkAll(NOW + 31 * MINUTE);
    expect(results.map((r) => r.ok && r.notModified)).toEqual([true, true]);
    expect(second.proposals()).toHaveLength(2);
  });

  it('keeps the old state when saving the new one fails, so the check is simply repeated', async () => {
    let fail = true;
    const w = new SourceWatcher({
      sources: sources([feed('good', '/feeds/good')]),
      fetcher: testFetcher(),
      onChange: () => {
        if (fail) throw new Error('disk full');
      },
    });
    await w.checkAll(NOW);
    expect(w.proposals()).toEqual([]);
    expect(w.statuses()[0]?.state.lastCheck).toBeNull();
    fail = false;
    await w.checkAll(NOW + MINUTE);
    expect(w.proposals()).toHaveLength(1);
  });

  it('joins a check already under way instead of running a second one beside it', async () => {
    const w = watcher([feed('good', '/feeds/good')]);
    const [a, b] = await Promise.all([w.checkAll(NOW), w.checkAll(NOW)]);
    expect(a).toBe(b);
    expect(w.proposals()).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});
