import { TYPE_NAMES } from './source-fixtures.js';

/** Fields documents.json returns when the request names none (comments_close_on, effective_on come only when named). */
const DEFAULT_FIELDS = [
  'abstract',
  'document_number',
  'html_url',
  'pdf_url',
  'public_inspection_pdf_url',
  'publication_date',
  'title',
  'type',
  'agencies',
];
const KNOWN =
  /^(conditions\[(term|agencies\]\[|type\]\[|publication_date\]\[(gte|lte|is)|effective_date\]\[(gte|lte|is))\]|fields\[\]|order|per_page|page)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Doc = Record<string, unknown>;
export type Search = { ok: true; body: unknown } | { ok: false; errors: Record<string, string> };

/** documents.json over `docs`: the documented conditions, order, paging and field selection; 400 on a bad query. */
export function searchDocuments(docs: readonly Doc[], u: URL, base: string): Search {
  const q = u.searchParams;
  const errors: Record<string, string> = {};
  for (const key of new Set(q.keys())) if (!KNOWN.test(key)) errors[key] = 'is not a supported parameter';
  const perPage = Number(q.get('per_page') ?? 20);
  const page = Number(q.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 1000)
    errors.per_page = 'must be between 1 and 1000';
  if (!Number.isInteger(page) || page < 1) errors.page = 'must be a positive integer';
  const order = q.get('order') ?? 'relevance';
  if (!['relevance', 'newest', 'oldest', 'executive_order_number'].includes(order))
    errors.order = 'is not a valid order';
  const gte = q.get('conditions[publication_date][gte]');
  if (gte !== null && !DATE.test(gte))
    errors['conditions[publication_date][gte]'] = 'must be a date YYYY-MM-DD';
  const types = q.getAll('conditions[type][]');
  for (const t of types)
    if (!(t in TYPE_NAMES)) errors['conditions[type]'] = `${t} is not one of RULE, PRORULE, NOTICE, PRESDOCU`;
  const fields = q.getAll('fields[]');
  if (Object.keys(errors).length) return { ok: false, errors };

  const agencies = q.getAll('conditions[agencies][]');
  const terms = (q.get('conditions[term]') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const typeNames = types.map((t) => TYPE_NAMES[t as keyof typeof TYPE_NAMES]);
  const hits = docs.filter((d) => {
    const slugs = (d.agencies as { slug: string }[]).map((a) => a.slug);
    const text = `${d.title} ${d.abstract ?? ''} ${d.action ?? ''}`.toLowerCase();
    return (
      (agencies.length === 0 || agencies.some((a) => slugs.includes(a))) &&
      (typeNames.length === 0 || typeNames.includes(d.type as never)) &&
      (gte === null || String(d.publication_date) >= gte) &&
      terms.every((t) => text.includes(t))
    );
  });
  if (order === 'newest')
    hits.sort((a, b) => String(b.publication_date).localeCompare(String(a.publication_date)));
  if (order === 'oldest')
    hits.sort((a, b) => String(a.publication_date).localeCompare(String(b.publication_date)));
  const totalPages = Math.max(1, Math.ceil(hits.length / perPage));
  const pick = fields.length ? fields : DEFAULT_FIELDS;
  const results = hits
    .slice((page - 1) * perPage, page * perPage)
    .map((d) => Object.fromEntries(pick.map((f) => [f, d[f] ?? null])));
  let next: string | null = null;
  if (page < totalPages) {
    const n = new URLSearchParams(q);
    n.set('page', String(page + 1));
    next = `${base}/documents.json?${n.toString()}`;
  }
  return {
    ok: true,
    body: {
      count: hits.length,
      description: 'Documents matching your search',
      total_pages: totalPages,
      next_page_url: next,
      results,
    },
  };
}
