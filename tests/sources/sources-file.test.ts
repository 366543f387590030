import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSourcesFile, parseSources } from '../../src/sources/sources-file.js';

describe('the sources file', () => {
  it('ships defaults that parse: the Federal Register search and desk, and two agency feeds, every 30 minutes', async () => {
    const r = await loadSourcesFile('data/sources.json');
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.value.map((s) => [s.id, s.kind, s.interval])).toEqual([
      ['federal-register-trade', 'federal-register', 1_800_000],
      ['federal-register-public-inspection', 'federal-register', 1_800_000],
      ['ustr-press-releases', 'feed', 1_800_000],
      ['white-house-presidential-actions', 'feed', 1_800_000],
    ]);
    const fr = r.value[0];
    expect(fr?.url).toBe('https://www.federalregister.gov/api/v1');
    expect(fr?.kind === 'federal-register' && fr.agencies).toContain(
      'trade-representative-office-of-united-states',
    );
  });

  it('names the entry, the field and what would be valid for each mistake, all at once', () => {
    const r = parseSources(
      [
        { id: 'a', kind: 'atom', url: 'https://example.org/a' },
        { id: 'b', kind: 'feed', url: 'ftp://example.org/b', interval: 'soon' },
        { id: 'b', kind: 'feed', url: 'https://example.org/c', rules: [{ name: 'empty' }] },
        { id: 'd', kind: 'federal-register', url: 'https://example.org/api', types: ['LAW'], interval: '1m' },
      ],
      'data/sources.json',
    );
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toContainEqual(
      expect.stringMatching(/^data\/sources\.json\[0\]\.kind: kind must be "federal-register" or "feed"/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^data\/sources\.json\[1\]\.url: must be an http\(s\) URL/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^data\/sources\.json\[1\]\.interval: .*e\.g\. 7d, 36h or 90m/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^data\/sources\.json\[2\]\.id: id "b" is used twice/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^data\/sources\.json\[2\]\.rules\.0: a rule needs keywords, agencies or types/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^data\/sources\.json\[3\]\.types\.0: .*RULE/));
    expect(problems).toContainEqual(
      expect.stringMatching(/^data\/sources\.json\[3\]\.interval: must be at least 5m/),
    );
  });

  it('says when the file is missing or not JSON instead of failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sources-'));
    expect(await loadSourcesFile(join(dir, 'none.json'))).toEqual({
      ok: false,
      problems: [expect.stringMatching(/cannot be read \(ENOENT\)/)],
    });
    await writeFile(join(dir, 'bad.json'), '[{"id": ');
    expect(await loadSourcesFile(join(dir, 'bad.json'))).toEqual({
      ok: false,
      problems: [expect.stringMatching(/is not JSON/)],
    });
  });
});
