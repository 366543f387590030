import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frDocument } from '../emulators/source-fixtures.js';
import { reader, restarted, seededBot, type TestBot } from '../helpers/bot.js';
import { attachSources } from '../helpers/sources.js';
import { frSource, SourceServer } from './helpers.js';

const NOW = '2026-12-02T14:00:00Z';
const S301 = {
  number: '2026-24817',
  title: 'Notice of Modification of Section 301 Action: China Acts, Policies and Practices',
  type: 'NOTICE',
  agencies: ['ustr'],
  publication: '2026-12-01',
  effective: '2026-12-15',
  commentsClose: '2026-12-31',
} as const;

let server: SourceServer;
let t: TestBot;
beforeEach(async () => {
  server = await SourceServer.start();
  t = await seededBot(NOW);
});
afterEach(async () => {
  await t.close();
  await server.close();
});

/** The proposal ids `proposals` prints, in order. */
const idsIn = (text: string) => [...text.matchAll(/^(p[a-z0-9]{4,12}) · /gm)].map((m) => m[1] as string);

describe('proposals from the official sources, from the terminal', () => {
  it('lists a relevant new document with its rule; accept makes dated, sourced items shown by deadlines', async () => {
    server.documents = [frDocument(S301)];
    attachSources(t, [frSource(server)]);
    expect(await t.say('sources check')).toContain('Checked 1 sources: 0 failed, 1 new proposals.');
    const listed = await t.say('proposals');
    expect(listed).toContain('1 pending proposal');
    expect(listed).toContain(`new: ${S301.title}`);
    expect(listed).toContain(
      'Why: rule "USTR actions": agency Trade Representative, Office of United States',
    );
    expect(listed).toContain('Effective: 2026-12-15');
    expect(listed).toContain('Comments close: 2026-12-31');
    const [id] = idsIn(listed);
    expect(id).toBeDefined();

    const before = await readFile(t.file, 'utf8');
    expect(await t.say(`accept ${id}`, reader)).toMatch(/editors/i);
    expect(await t.say(`accept ${id} start:2026-02-30`)).toContain('is not a real date');
    expect(await t.say('accept pzzzzzz')).toContain('No proposal has id `pzzzzzz`');
    expect(await readFile(t.file, 'utf8')).toBe(before);

    const accepted = await t.say(`accept ${id}`);
    expect(accepted).toContain(`Accepted ${id}`);
    const events = t.store.read().events.filter((e) => e.tags.includes('from-sources'));
    expect(events.map((e) => [e.kind, e.start, e.confidence, e.sources[0]?.url])).toEqual([
      [
        'tariff-action',
        { date: '2026-12-15', timeZone: 'America/New_York' },
        'confirmed',
        frDocument(S301).html_url,
      ],
      [
        'comment-deadline',
        { date: '2026-12-31', timeZone: 'America/New_York' },
        'confirmed',
        frDocument(S301).html_url,
      ],
    ]);
    const deadlines = await t.say('deadlines days:30');
    expect(deadlines).toContain(`Comments due: ${S301.title}`);
    expect(await t.say('proposals')).toContain('No pending proposals');
    expect(await t.say(`accept ${id}`)).toContain(`Proposal \`${id}\` was already accepted`);

    // The corrected document comes back as an edit of the items it made; accepting it moves them.
    server.documents = [frDocument({ ...S301, effective: '2027-01-15' })];
    server.touch('/api/v1/documents.json');
    t.clock.advance(40 * 60_000);
    await t.say('sources check');
    const edit = await t.say('proposals');
    expect(edit).toContain(`change to: ${S301.title}`);
    expect(edit).toContain('Changed: effective date 2026-12-15 → 2027-01-15');
    const [editId] = idsIn(edit);
    expect(await t.say(`accept ${editId}`)).toContain(`changed \`${events[0]?.id}\``);
    expect(t.store.read().events.find((e) => e.id === events[0]?.id)?.start).toEqual({
      date: '2027-01-15',
      timeZone: 'America/New_York',
    });
    expect(t.store.read().events.filter((e) => e.tags.includes('from-sources'))).toHaveLength(2);
  });

  it('reject drops a proposal; nothing is proposed twice, even after a restart', async () => {
    server.documents = [frDocument(S301)];
    attachSources(t, [frSource(server)]);
    await t.say('sources check');
    const [id] = idsIn(await t.say('proposals'));
    expect(await t.say(`reject ${id} reason:"not new"`)).toContain(`Rejected ${id}`);
    expect(await t.say('proposals')).toContain('No pending proposals');

    t = await restarted(t);
    attachSources(t, [frSource(server)]);
    server.touch('/api/v1/documents.json');
    t.clock.advance(3600_000);
    expect(await t.say('sources check')).toContain('0 new proposals');
    expect(await t.say('proposals')).toContain('No pending proposals');
    expect(t.store.read().watcher.proposals).toEqual([
      expect.objectContaining({ id, status: 'rejected', reason: 'not new' }),
    ]);
  });

  it('a bad source shows its error in `sources` and the others go on', async () => {
    server.documents = [frDocument(S301)];
    server.faults.set('/bad/feed.xml', 'status-500');
    const seen: string[] = [];
    attachSources(
      t,
      [{ id: 'broken-feed', kind: 'feed', url: `${server.url}/bad/feed.xml` }, frSource(server)],
      false,
      {
        sourceCheck: (source, outcome) => seen.push(`${source} ${outcome}`),
        proposals: (source, n) => seen.push(`${source} +${n}`),
      },
    );
    const out = await t.say('sources check');
    expect(out).toContain('Checked 2 sources: 1 failed, 1 new proposals.');
    // The metrics hear of both checks and the one proposal.
    expect(seen.sort()).toEqual(['broken-feed failed', 'fr +1', 'fr ok']);
    const broken = out.slice(out.indexOf('broken-feed'), out.indexOf('\nfr '));
    expect(broken).toMatch(/Last error: http: .*500/);
    expect(broken).toContain('1 errors');
    expect(out.slice(out.indexOf('\nfr '))).toContain('Last error: none');
    expect(await t.say('sources check', reader)).toContain('Only editors can check the sources now');
  });
});
