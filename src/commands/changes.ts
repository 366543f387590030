import { itemPending, OUTCOME_PENDING } from '../domain/staleness.js';
import { code, type Rich, strong } from '../render/reply.js';
import type { AuditEntry } from '../store/schema.js';
import type { CommandContext } from './context.js';
import { happenedLine } from './item-lines.js';

const NO_CHANGES: Rich = Object.freeze(['No changes and nothing came due.']);

const VERB: Record<AuditEntry['action'], string> = {
  add: 'added',
  edit: 'edited',
  remove: 'removed',
  restore: 'restored',
};

/** Top-level fields that differ between two versions of an item. */
export function changedFields(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

/** One audit entry as a line: "edited `id` (status, start) by slack:U1". */
export function auditLine(e: AuditEntry): Rich {
  const fields = e.action === 'edit' ? changedFields(e.before, e.after) : [];
  const title = (e.after ?? e.before) as { title?: string } | undefined;
  return [
    `${VERB[e.action]} ${e.type} `,
    strong(title?.title ?? e.id),
    ' ',
    code(e.id),
    fields.length ? ` (${fields.join(', ')})` : '',
    ` by ${e.actor}`,
  ];
}

/** Store changes made in (sinceMs, untilMs], newest first. */
export function auditSince(entries: readonly AuditEntry[], sinceMs: number, untilMs: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as AuditEntry;
    const at = Date.parse(e.at);
    if (at <= sinceMs) break;
    if (at <= untilMs) out.push(e);
  }
  return out;
}

/** What changed in a window: store edits, and timeline items whose time came. */
export function recentChanges(ctx: CommandContext, sinceMs: number, untilMs: number, limit: number) {
  const lines: Rich[] = auditSince(ctx.store.read().audit, sinceMs, untilMs).map(auditLine);
  for (const it of ctx.timeline().before(untilMs, sinceMs + 1))
    lines.push(happenedLine(it, itemPending(it, untilMs) !== undefined));
  if (lines.length === 0) lines.push(NO_CHANGES);
  return { lines: lines.slice(0, limit), more: Math.max(0, lines.length - limit) };
}
