/** Federal Register API documents and RSS/Atom feeds in their published shapes, for the loopback source server. */

export const AGENCIES = {
  ustr: {
    name: 'Trade Representative, Office of United States',
    slug: 'trade-representative-office-of-united-states',
    id: 491,
  },
  ita: { name: 'International Trade Administration', slug: 'international-trade-administration', id: 261 },
  bis: { name: 'Industry and Security Bureau', slug: 'industry-and-security-bureau', id: 241 },
  cbp: { name: 'U.S. Customs and Border Protection', slug: 'u-s-customs-and-border-protection', id: 501 },
  eop: { name: 'Executive Office of the President', slug: 'executive-office-of-the-president', id: 538 },
  fws: { name: 'Fish and Wildlife Service', slug: 'fish-and-wildlife-service', id: 197 },
} as const;
export type AgencyKey = keyof typeof AGENCIES;

export const TYPE_NAMES = {
  RULE: 'Rule',
  PRORULE: 'Proposed Rule',
  NOTICE: 'Notice',
  PRESDOCU: 'Presidential Document',
} as const;

export interface FrDocInput {
  number: string;
  title: string;
  type?: keyof typeof TYPE_NAMES;
  agencies?: readonly AgencyKey[];
  abstract?: string | null;
  publication: string;
  effective?: string | null;
  commentsClose?: string | null;
}

const FR = 'https://www.federalregister.gov';

/** A documents.json result with every documented field (null where unknown), as the API sends it. */
export function frDocument(d: FrDocInput): Record<string, unknown> {
  const [y, m, day] = d.publication.split('-');
  const path = `${y}/${m}/${day}/${d.number}/${d.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)}`;
  const agencies = (d.agencies ?? ['ustr']).map((k) => {
    const a = AGENCIES[k];
    return {
      raw_name: a.name.toUpperCase(),
      name: a.name,
      id: a.id,
      url: `${FR}/agencies/${a.slug}`,
      json_url: `${FR}/api/v1/agencies/${a.id}`,
      parent_id: null,
      slug: a.slug,
    };
  });
  const type = d.type ?? 'NOTICE';
  return {
    title: d.title,
    type: TYPE_NAMES[type],
    subtype: type === 'PRESDOCU' ? 'Proclamation' : null,
    abstract: d.abstract === undefined ? `Notice concerning ${d.title}.` : d.abstract,
    action: type === 'RULE' ? 'Final rule.' : 'Notice.',
    dates: d.effective ? `Effective ${d.effective}.` : null,
    document_number: d.number,
    publication_date: d.publication,
    effective_on: d.effective ?? null,
    comments_close_on: d.commentsClose ?? null,
    signing_date: type === 'PRESDOCU' ? d.publication : null,
    agencies,
    agency_names: agencies.map((a) => a.name),
    docket_ids: [],
    regulation_id_numbers: [],
    cfr_references: [],
    html_url: `${FR}/documents/${path}`,
    pdf_url: `https://www.govinfo.gov/content/pkg/FR-${d.publication}/pdf/${d.number}.pdf`,
    json_url: `${FR}/api/v1/documents/${d.number}.json`,
    public_inspection_pdf_url: `https://public-inspection.federalregister.gov/${d.number}.pdf`,
    executive_order_number: null,
    citation: null,
    significant: false,
  };
}

/** A public-inspection entry: filed before publication, without abstract or dates beyond the filing. */
export function piDocument(d: FrDocInput & { filedAt: string }): Record<string, unknown> {
  const full = frDocument(d);
  const keep = ['document_number', 'title', 'type', 'agencies', 'publication_date', 'pdf_url', 'html_url'];
  return {
    ...Object.fromEntries(keep.map((k) => [k, full[k]])),
    filed_at: d.filedAt,
    special_filing: false,
    toc_subject: null,
    toc_doc: null,
    editorial_note: null,
  };
}

export interface FeedItemInput {
  title: string;
  link?: string;
  guid?: string;
  date?: string;
  summary?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An RSS 2.0 document as agencies publish them: RFC 822 dates, guids, HTML descriptions in CDATA. */
export function rss(title: string, items: readonly FeedItemInput[]): string {
  const body = items.map((i) =>
    [
      '    <item>',
      `      <title>${esc(i.title)}</title>`,
      i.link ? `      <link>${esc(i.link)}</link>` : '',
      i.guid ? `      <guid isPermaLink="false">${esc(i.guid)}</guid>` : '',
      i.date ? `      <pubDate>${new Date(i.date).toUTCString()}</pubDate>` : '',
      i.summary ? `      <description><![CDATA[<p>${i.summary}</p>]]></description>` : '',
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n  <channel>\n    <title>${esc(title)}</title>\n    <link>https://ustr.gov/about-us/policy-offices/press-office/press-releases</link>\n    <description>${esc(title)}</description>\n    <language>en-us</language>\n${body.join('\n')}\n  </channel>\n</rss>\n`;
}

/** An Atom 1.0 document: entries with id, alternate link, updated, published and summary. */
export function atom(title: string, items: readonly FeedItemInput[]): string {
  const updated =
    items
      .map((i) => i.date ?? '1970-01-01T00:00:00Z')
      .sort()
      .at(-1) ?? '1970-01-01T00:00:00Z';
  const body = items.map((i) =>
    [
      '  <entry>',
      `    <title type="text">${esc(i.title)}</title>`,
      i.guid ? `    <id>${esc(i.guid)}</id>` : '',
      i.link ? `    <link rel="alternate" type="text/html" href="${esc(i.link)}"/>` : '',
      i.date ? `    <published>${i.date}</published>\n    <updated>${i.date}</updated>` : '',
      i.summary ? `    <summary type="html">${esc(`<p>${i.summary}</p>`)}</summary>` : '',
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>${esc(title)}</title>\n  <id>urn:trade-brief-test:${esc(title)}</id>\n  <updated>${updated}</updated>\n${body.join('\n')}\n</feed>\n`;
}
