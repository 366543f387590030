import type { SourceDocument } from './document.js';
import type { FrType, Rule, SourceConfig } from './sources-file.js';

const TYPE_CODES: Record<string, FrType> = {
  rule: 'RULE',
  'proposed rule': 'PRORULE',
  notice: 'NOTICE',
  'presidential document': 'PRESDOCU',
};

/** The API code (RULE, PRORULE, NOTICE, PRESDOCU) of a document type as the API names it, or null. */
export function typeCode(type: string | null): FrType | null {
  if (!type) return null;
  const t = type.trim().toLowerCase();
  return TYPE_CODES[t] ?? Object.values(TYPE_CODES).find((c) => c.toLowerCase() === t) ?? null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** True when `keyword` occurs in `text` as whole words, ignoring case. */
const hasWords = (text: string, keyword: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(keyword)}($|[^\\p{L}\\p{N}])`, 'iu').test(text);

const agencyMatches = (doc: SourceDocument, wanted: string) => {
  const w = wanted.toLowerCase();
  return doc.agencies.find((a) => a.slug?.toLowerCase() === w || a.name.toLowerCase() === w);
};

/** Why `rule` matches `doc`, in words, or null when one of its conditions fails. */
export function ruleReason(rule: Rule, doc: SourceDocument): string | null {
  const parts: string[] = [];
  if (rule.agencies?.length) {
    const hit = rule.agencies.map((a) => agencyMatches(doc, a)).find(Boolean);
    if (!hit) return null;
    parts.push(`agency ${hit.name}`);
  }
  if (rule.types?.length) {
    const code = typeCode(doc.type);
    if (!code || !rule.types.includes(code)) return null;
    parts.push(`type ${doc.type}`);
  }
  if (rule.keywords?.length) {
    const inTitle = rule.keywords.find((k) => hasWords(doc.title, k));
    const inSummary = inTitle
      ? undefined
      : rule.keywords.find((k) => doc.summary && hasWords(doc.summary, k));
    if (!inTitle && !inSummary) return null;
    parts.push(inTitle ? `keyword "${inTitle}" in the title` : `keyword "${inSummary}" in the summary`);
  }
  return `rule "${rule.name}": ${parts.join(', ')}`;
}

/** The source's rules, its top-level `keywords` becoming one rule named "keywords". */
export function rulesOf(source: SourceConfig): Rule[] {
  return source.keywords.length
    ? [...source.rules, { name: 'keywords', keywords: source.keywords }]
    : source.rules;
}

/** Which rule of `source` makes `doc` relevant, in words; null when none does. A source without rules takes all. */
export function matchRule(source: SourceConfig, doc: SourceDocument): string | null {
  const rules = rulesOf(source);
  if (rules.length === 0) return `every document of source ${source.id} (it has no rules)`;
  for (const rule of rules) {
    const why = ruleReason(rule, doc);
    if (why) return why;
  }
  return null;
}

/** True when a public-inspection entry passes the source's own agency and type filters (the desk has no query). */
export function passesFilters(source: SourceConfig, doc: SourceDocument): boolean {
  if (source.kind !== 'federal-register') return true;
  if (source.agencies.length && !source.agencies.some((a) => agencyMatches(doc, a))) return false;
  const code = typeCode(doc.type);
  return source.types.length === 0 || (code !== null && source.types.includes(code));
}
