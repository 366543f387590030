import { formatInstant } from '../domain/time.js';
import { type Action, type Field, link, type Reply, type Rich, time } from '../render/reply.js';
import { describeChanges, type Proposal } from '../sources/proposal.js';
import { cleanText } from '../sources/sanitize.js';

/** A proposal's buttons: accept and reject as an editor would type them, and Edit, a prefilled accept form. */
export const proposalActions = (p: Proposal): Action[] => [
  { label: 'Accept', command: `accept ${p.id}`, style: 'primary' },
  { label: 'Reject', command: `reject ${p.id}`, style: 'danger' },
  { label: 'Edit', command: `accept ${p.id}`, form: true },
];

/**
 * The `accept` options a proposal's main item (its action) starts from, as an editor would type them: an Edit
 * form shows these, and only the ones changed become overrides.
 */
export function acceptDefaults(p: Proposal): Record<string, string> {
  const main = p.items.find((s) => s.role === 'action') ?? p.items[0];
  if (!main) return {};
  const out: Record<string, string> = { title: main.title, kind: main.kind };
  if (main.date) out.start = main.date;
  if (main.countries.length) out.countries = main.countries.join(',');
  if (main.summary) out.summary = main.summary.slice(0, 2000);
  return out;
}

/** What accepting would do, one line per suggested item (an imported event's exact time where it happens). */
export function suggestionLines(p: Proposal): Rich[] {
  return p.items.map((s) => [
    `${p.kind === 'edit' ? 'updates' : 'adds'} ${s.kind} “${cleanText(s.title, 120)}” on ${
      s.start && 'at' in s.start
        ? formatInstant(Date.parse(s.start.at), s.start.timeZone, 'datetime')
        : (s.date ?? 'a date you give (start:)')
    }`,
    s.date ? ` (${s.dateBasis})` : '',
  ]);
}

/** One proposal's facts: document, dates, the rule that matched, its link. */
export function proposalFields(p: Proposal): Field[] {
  const d = p.document;
  const f: Field[] = [];
  if (d.agencies.length) f.push({ label: 'Agencies', value: [d.agencies.map((a) => a.name).join(', ')] });
  if (d.type || d.documentNumber)
    f.push({
      label: 'Document',
      value: [[d.type, d.documentNumber && `FR ${d.documentNumber}`].filter(Boolean).join(' · ')],
    });
  if (d.publicationDate) f.push({ label: 'Published', value: [d.publicationDate] });
  if (d.effectiveDate) f.push({ label: 'Effective', value: [d.effectiveDate] });
  if (d.commentsCloseOn) f.push({ label: 'Comments close', value: [d.commentsCloseOn] });
  f.push({ label: 'Why', value: [p.matchedRule] });
  if (p.changes.length) f.push({ label: 'Changed', value: [describeChanges(p.changes)] });
  if (d.link) f.push({ label: 'Link', value: [link(d.link, d.link)] });
  return f;
}

/** A proposal as posted to a `proposals:yes` channel, with Accept / Reject (and, where forms exist, Edit) buttons. */
export function proposalReply(p: Proposal): Reply {
  return {
    title: `${p.kind === 'edit' ? 'Proposed change' : 'Proposed'}: ${cleanText(p.document.title, 140)}`,
    intro: [
      `From source ${p.sourceId}, found `,
      time(Date.parse(p.createdAt), 'datetime'),
      `. Proposal ${p.id}.`,
    ],
    sections: [
      { fields: proposalFields(p) },
      ...(p.document.summary ? [{ lines: [[cleanText(p.document.summary, 600)]] }] : []),
      { heading: 'Accepting it', lines: suggestionLines(p) },
    ],
    context: [[`Editors: /trade accept ${p.id} [field:value …] or /trade reject ${p.id} [reason:…]`]],
    visibility: 'public',
    actions: proposalActions(p),
  };
}
