import type { z } from 'zod';
import { EVENT_KINDS, EVENT_STATUSES, TradeEvent } from '../domain/event.js';
import type { Moment } from '../domain/primitives.js';
import { choice, countries, dateTime, type ParsedDateTime, text } from './options.js';

/** The options `add` and `edit` share; every one optional so `edit` can change any subset. */
/** The options every item has for where it comes from and how sure we are; events and measures share them. */
export const sourceFields = {
  source: text({ description: 'A source URL (https://…)', max: 500 }),
  source_title: text({ description: 'The source’s title', max: 200 }),
  confidence: choice({
    description: 'How sure we are',
    choices: ['confirmed', 'reported', 'unverified'] as const,
  }),
} as const;

export const eventFields = {
  title: text({ description: 'The title', max: 200 }),
  kind: choice({ description: 'What kind of item', choices: EVENT_KINDS }),
  start: dateTime({ description: 'Start: a date, or date, time and zone (2026-03-15 09:00 Europe/Paris)' }),
  end: dateTime({ description: 'End, if it lasts' }),
  status: choice({ description: 'Status', choices: EVENT_STATUSES }),
  countries: countries({ description: 'Countries involved (US,CN)' }),
  location: text({ description: 'Where it happens', max: 200 }),
  summary: text({ description: 'What it is about', max: 2000, multiline: true }),
  participants: text({ description: 'People, comma-separated', max: 500 }),
  tags: text({ description: 'Tags, comma-separated', max: 200 }),
  ...sourceFields,
} as const;

/** A parsed date option as a stored moment. */
export function toMoment(p: ParsedDateTime): Moment {
  return p.allDay && p.date
    ? { date: p.date, timeZone: p.zone }
    : { at: new Date(p.ms).toISOString(), timeZone: p.zone };
}

export const list = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);

/** A lowercase slug from a title, accents dropped: "Paris talks 2026" -> paris-talks-2026, "Zürich" -> zurich. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'event';
}

const OPTION_OF: Record<string, string> = { sources: 'source', start: 'start', end: 'end' };

/** A schema issue as a sentence naming the option: one of a list spells out the valid values. */
export function issueText(name: string, issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value')
    return `\`${name}\` must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`;
  return `\`${name}\` ${issue.message.replace(/^Invalid input: /, 'is invalid: ')}`;
}

/** Validates a candidate event with the stored schema; a failure names the option to fix. */
export function checkEvent(
  candidate: unknown,
): { ok: true; event: TradeEvent } | { ok: false; error: string } {
  const r = TradeEvent.safeParse(candidate);
  if (r.success) {
    const e = r.data;
    if (
      e.end &&
      Date.parse('at' in e.end ? e.end.at : e.end.date) <
        Date.parse('at' in e.start ? e.start.at : e.start.date)
    )
      return { ok: false, error: '`end` is before `start`: give an end on or after the start' };
    return { ok: true, event: e };
  }
  const issue = r.error.issues[0] as z.core.$ZodIssue;
  const top = String(issue.path[0] ?? '');
  const name = OPTION_OF[top] ?? top;
  return { ok: false, error: issueText(name, issue) };
}
