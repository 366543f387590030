import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/sources/proposal.js';
import { frDocument, piDocument } from '../emulators/source-fixtures.js';
import { frSource, MINUTE, NOW, SourceServer, watcher } from './helpers.js';

let server: SourceServer;
beforeEach(async () => {
  server = await SourceServer.start();
});
afterEach(() => server.close());

const S301 = {
  number: '2026-24817',
  title: 'Notice of Modification of Section 301 Action: China Acts, Policies and Practices',
  type: 'NOTICE',
  agencies: ['ustr'],
  publication: '2026-12-01',
  effective: '2026-12-15',
  commentsClose: '2026-12-31',
} as const;
const EXCL = {
  number: '2026-24690',
  title: 'Guidance on Tariff Exclusions for Semiconductors From China',
  type: 'RULE',
  agencies: ['cbp'],
  publication: '2026-11-30',
  effective: null,
} as const;
const ENTITY = {
  number: '2026-24500',
  title: 'Additions to the Entity List',
  type: 'RULE',
  agencies: ['bis'],
  abstract: 'Adds 14 entities in China.',
  publication: '2026-11-28',
  effective: '2026-11-28',
} as const;
const MISSION = {
  number: '2026-24400',
  title: 'Agricultural Trade Mission to China',
  type: 'NOTICE',
  agencies: ['ita'],
  abstract: 'Invitation to apply.',
  publication: '2026-11-27',
} as const;
const FISH = {
  number: '2026-24300',
  title: 'Import permits for tariff-listed species',
  type: 'NOTICE',
  agencies: ['fws'],
  publication: '2026-11-29',
} as const;
const OLD = {
  number: '2026-20000',
  title: 'Section 301 tariff hearing',
  type: 'NOTICE',
  agencies: ['ustr'],
  publication: '2026-10-01',
} as const;

const byNumber = (ps: readonly Proposal[]) =>
  Object.fromEntries(ps.map((p) => [p.document.documentNumber, p]));

describe('Federal Register proposals', () => {
  it('proposes relevant documents once, saying which rule matched, with the action and comment dates', async () => {
    server.documents = [S301, EXCL, ENTITY, MISSION, FISH, OLD].map(frDocument);
    const w = watcher([frSource(server)]);
    const [r] = await w.checkAll(NOW);
    expect(r?.ok).toBe(true);
    const got = byNumber(w.proposals());
    // FISH is outside the agency filter, MISSION matches no rule, OLD is before the look-back window.
    expect(Object.keys(got).sort()).toEqual([S301.number, ENTITY.number, EXCL.number].sort());
    expect(got[S301.number]?.matchedRule).toBe(
      'rule "USTR actions": agency Trade Representative, Office of United States',
    );
    expect(got[EXCL.number]?.matchedRule).toBe('rule "trade terms": keyword "tariff" in the title');
    expect(got[ENTITY.number]?.matchedRule).toBe('rule "trade terms": keyword "Entity List" in the title');
    expect(got[S301.number]?.items).toEqual([
      expect.objectContaining({
        role: 'action',
        kind: 'tariff-action',
        date: '2026-12-15',
        dateBasis: 'effective date',
        countries: ['US'],
        confidence: 'confirmed',
        sources: [{ title: 'Federal Register 2026-24817', url: frDocument(S301).html_url }],
      }),
      expect.objectContaining({
        role: 'comment-deadline',
        kind: 'comment-deadline',
        date: '2026-12-31',
        title: `Comments due: ${S301.title}`,
      }),
    ]);
    expect(got[EXCL.number]?.items).toEqual([
      expect.objectContaining({ role: 'action', date: '2026-11-30', dateBasis: 'publication date' }),
    ]);
    expect(got[S301.number]?.document).toMatchObject({
      publicationDate: '2026-12-01',
      effectiveDate: '2026-12-15',
      commentsCloseOn: '2026-12-31',
      type: 'Notice',
      link: frDocument(S301).html_url,
    });
    // The search asked from the look-back date and named the fields that come only when named.
    const asked = new URL(`${server.url}${server.requests[0]?.path}`).searchParams;
    expect(asked.get('conditions[publication_date][gte]')).toBe('2026-11-18');
    expect(asked.getAll('fields[]')).toEqual(expect.arrayContaining(['effective_on', 'comments_close_on']));
  });

  it('revalidates on the next check: a 304 and no new proposals', async () => {
    server.documents = [S301, EXCL].map(frDocument);
    const w = watcher([frSource(server)]);
    await w.checkAll(NOW);
    const [again] = await w.checkAll(NOW + 31 * MINUTE);
    expect(again).toMatchObject({ ok: true, notModified: true, proposals: [] });
    expect(server.requests.at(-1)?.status).toBe(304);
    expect(w.proposals()).toHaveLength(2);
    expect(w.statuses()[0]?.state.counts).toMatchObject({
      checks: 2,
      notModified: 1,
      proposals: 2,
      errors: 0,
    });
  });

  it('proposes a corrected document as an edit of the accepted one, naming what changed, and only once', async () => {
    server.documents = [S301].map(frDocument);
    const w = watcher([frSource(server)]);
    await w.checkAll(NOW);
    const first = w.proposals()[0];
    expect(await w.decide(first?.id ?? '', 'accepted', NOW + MINUTE)).toBe(true);
    server.documents = [frDocument({ ...S301, effective: '2027-01-15' })];
    server.touch('/api/v1/documents.json');
    await w.checkAll(NOW + 40 * MINUTE);
    const edits = w.proposals().filter((p) => p.kind === 'edit');
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({
      editOf: first?.id,
      changes: [
        { field: 'effectiveDate', label: 'effective date', before: '2026-12-15', after: '2027-01-15' },
      ],
    });
    expect(edits[0]?.items[0]).toMatchObject({ date: '2027-01-15', dateBasis: 'effective date' });
    server.touch('/api/v1/documents.json'); // same content, new Last-Modified: read again, nothing new
    await w.checkAll(NOW + 80 * MINUTE);
    expect(w.proposals(true)).toHaveLength(2);
  });

  it('does not propose again a document that was rejected, even when it changes', async () => {
    server.documents = [EXCL].map(frDocument);
    const w = watcher([frSource(server)]);
    await w.checkAll(NOW);
    await w.decide(w.proposals()[0]?.id ?? '', 'rejected', NOW, { reason: 'not about China tariffs' });
    server.documents = [
      frDocument({ ...EXCL, title: 'Corrected: Guidance on Tariff Exclusions', effective: '2026-12-20' }),
    ];
    await w.checkAll(NOW + 31 * MINUTE);
    expect(w.proposals()).toEqual([]);
    expect(w.proposals(true)).toHaveLength(1);
  });

  it('proposes a public-inspection filing once; its publication a day later brings only the new effective date', async () => {
    const filed = {
      ...S301,
      number: '2026-25001',
      publication: '2026-12-03',
      effective: null,
      commentsClose: null,
    };
    server.publicInspection = [piDocument({ ...filed, filedAt: '2026-12-02T08:45:00.000-05:00' })];
    const desk = frSource(server, { id: 'desk', endpoint: 'public-inspection' });
    const w = watcher([desk, frSource(server)]);
    await w.checkAll(NOW);
    expect(w.proposals().map((p) => [p.sourceId, p.document.documentNumber, p.kind])).toEqual([
      ['desk', '2026-25001', 'new'],
    ]);
    server.documents = [frDocument({ ...filed, effective: '2026-12-10' })];
    await w.checkAll(NOW + 24 * 60 * MINUTE);
    const all = w.proposals(true);
    expect(all.map((p) => p.kind)).toEqual(['new', 'edit']);
    expect(all[1]?.changes.map((c) => c.field)).toEqual(['effectiveDate']);
  });

  it('reads every page up to maxPages, following next_page_url on the same site', async () => {
    const docs = [1, 2, 3, 4, 5].map((n) => ({
      ...EXCL,
      number: `2026-2470${n}`,
      title: `Tariff notice ${n}`,
    }));
    server.documents = docs.map(frDocument);
    const w = watcher([frSource(server, { perPage: 2, maxPages: 3 })]);
    await w.checkAll(NOW);
    expect(
      w
        .proposals()
        .map((p) => p.document.documentNumber)
        .sort(),
    ).toEqual(docs.map((d) => d.number));
    expect(server.requests.map((r) => new URL(`${server.url}${r.path}`).searchParams.get('page'))).toEqual([
      null,
      '2',
      '3',
    ]);
  });
});
