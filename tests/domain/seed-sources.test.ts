import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeedData } from '../../src/store/schema.js';

const seed = SeedData.parse(
  JSON.parse(readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')),
);
const items = [...seed.events, ...seed.measures];

/** Official publishers: the Federal Register, the White House, USTR, CBP, Commerce, courts, Congress, MOFCOM. */
const PRIMARY = [
  'federalregister.gov',
  'govinfo.gov',
  'whitehouse.gov',
  'ustr.gov',
  'cbp.gov',
  'commerce.gov',
  'bis.gov',
  'bis.doc.gov',
  'trade.gov',
  'usitc.gov',
  'supremecourt.gov',
  'uscourts.gov',
  'congress.gov',
  'mofcom.gov.cn',
  'mof.gov.cn',
  'customs.gov.cn',
  'gov.cn',
];

/** Trade-law firms, advisers and established news or reference publishers that report from primary texts. */
const REPUTABLE = [
  'thompsonhinesmartrade.com',
  'pillsburylaw.com',
  'clarkhill.com',
  'whitecase.com',
  'squirepattonboggs.com',
  'fenwick.com',
  'internationaltradeinsights.com',
  'natlawreview.com',
  'mondaq.com',
  'pwc.com',
  'ey.com',
  'freightwaves.com',
  'gcaptain.com',
  'reuters.com',
  'apnews.com',
  'bloomberg.com',
  'ft.com',
  'wsj.com',
  'cnbc.com',
  'bbc.com',
  'bbc.co.uk',
  'caixinglobal.com',
  'scmp.com',
  'mb.com.ph',
  'ballotpedia.org',
];

/** Sites that republish others' reporting; named as such in the facts file or seen copying wire stories. */
const AGGREGATORS = [
  'firstnorthwestern.com',
  'lapresse.us',
  'particlenews.pages.dev',
  'greenwich-mercantile.com',
  'carmnet.com',
  'keneci.com',
  'daily8.com',
  'mexc.fm',
  'devdiscourse.com',
  'bilateral.news',
  'thedailyscout.com',
  'americanfocus.online',
  'executiveorderdigest.com',
  'legistrack.vercel.app',
];

const hostOf = (url: string): string => new URL(url).hostname.toLowerCase().replace(/^www\./, '');
const under = (host: string, domains: readonly string[]): boolean =>
  domains.some((d) => host === d || host.endsWith(`.${d}`));

/** True for loopback, private, example, reserved-TLD, development, preview and test-copy hosts. */
function isTestHost(url: string): boolean {
  const { hostname, pathname } = new URL(url);
  const host = hostname.toLowerCase().replace(/^www\./, '');
  return (
    host === 'localhost' ||
    /^(127|10|0)\.|^192\.168\.|^\[/.test(host) ||
    /(^|\.)example(\.[a-z]+)?$/.test(host) ||
    /\.(test|invalid|local|localhost|example|internal)$/.test(host) ||
    /^(dev|dev-[a-z0-9]+|staging|stage|test|qa|preview)[.-]/.test(host) ||
    host.endsWith('.vercel.app') ||
    host === 'wpinitiate.com' ||
    /echo-test|\/demo[0-9a-f]{6,}/.test(pathname)
  );
}

describe('isTestHost', () => {
  it.each([
    ['http://localhost:3000/x', true],
    ['http://127.0.0.1/x', true],
    ['https://example.com/a', true],
    ['https://news.example.org/a', true],
    ['https://foo.test/a', true],
    ['https://dev-v4.freemalaysiatoday.com/category/business/x', true],
    ['https://legistrack.vercel.app/bills/eo/x', true],
    ['https://wpinitiate.com/echo-test/demo973e36f5/wp-json/wp/v2/posts/12850', true],
    ['https://www.federalregister.gov/d/2025-06063', false],
    ['https://www.freemalaysiatoday.com/category/business/x', false],
    ['https://www.devdiscourse.com/article/x', false],
  ])('%s -> %s', (url, expected) => {
    expect(isTestHost(url)).toBe(expected);
  });
});

describe('data/seed.json sources', () => {
  it('gives every item a source, none on a test, development or loopback host', () => {
    const offenders = items.flatMap((i) =>
      i.sources.length === 0
        ? [`${i.id}: no source`]
        : i.sources.filter((s) => isTestHost(s.url)).map((s) => `${i.id}: ${s.url}`),
    );
    expect(offenders).toEqual([]);
  });

  it('backs every confirmed item with a primary or reputable source', () => {
    const offenders = items
      .filter((i) => i.confidence === 'confirmed')
      .filter((i) => !i.sources.some((s) => under(hostOf(s.url), [...PRIMARY, ...REPUTABLE])))
      .map((i) => `${i.id}: ${i.sources.map((s) => hostOf(s.url)).join(', ')}`);
    expect(offenders).toEqual([]);
  });

  it('marks unverified every item that rests on aggregators alone', () => {
    const offenders = items
      .filter((i) => i.sources.every((s) => under(hostOf(s.url), AGGREGATORS)))
      .filter((i) => i.confidence !== 'unverified')
      .map((i) => `${i.id} (${i.confidence})`);
    expect(offenders).toEqual([]);
  });

  it('cites the Federal Register for the IEEPA orders on China that set the 2025 rates', () => {
    const cites = (id: string, doc: string): boolean =>
      seed.measures.find((m) => m.id === id)?.sources.some((s) => s.url.includes(doc)) ?? false;
    // FR document numbers of EO 14195, 14257, 14259, 14266 and 14298.
    expect(cites('ieepa-fentanyl-cn-10-2025-02', '2025-02408')).toBe(true);
    expect(cites('ieepa-reciprocal-baseline-cn-10', '2025-06063')).toBe(true);
    expect(cites('ieepa-reciprocal-cn-84', '2025-06378')).toBe(true);
    expect(cites('ieepa-reciprocal-cn-125', '2025-06462')).toBe(true);
    expect(cites('ieepa-reciprocal-cn-10', '2025-09297')).toBe(true);
  });
});
