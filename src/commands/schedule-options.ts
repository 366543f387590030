import { EVENT_KINDS, type EventKind } from '../domain/event.js';
import { isTimeZone } from '../domain/primitives.js';
import { custom, type OptionDef } from './options.js';
import { parseDuration, zoneName } from './values.js';

/** A 24-hour clock time such as 08:00. */
export const clockTime = (description: string) =>
  custom<string>({ description, example: '08:00' }, (name, usage) => (raw) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(raw);
    if (m && Number(m[1]) <= 23 && Number(m[2]) <= 59)
      return { ok: true, value: `${m[1]?.padStart(2, '0')}:${m[2]}` };
    return { ok: false, error: `\`${name}\` must be a 24-hour time from 00:00 to 23:59, e.g. \`${usage}\`` };
  });

/** An IANA time-zone name, in its usual spelling (est -> EST, europe/paris -> Europe/Paris). */
export const timeZone = (description: string) =>
  custom<string>(
    { description, example: 'Europe/Paris' },
    (name, usage) => (raw) =>
      isTimeZone(raw)
        ? { ok: true, value: zoneName(raw) }
        : {
            ok: false,
            error: `\`${name}\` must be an IANA time zone such as Europe/Paris or America/New_York, e.g. \`${usage}\``,
          },
  );

/** A comma-separated list of durations (7d,1d,1h), in minutes, largest first. */
export const durations = (description: string) =>
  custom<number[]>({ description, example: '7d,1d,1h' }, (name, usage) => (raw) => {
    const out: number[] = [];
    for (const part of raw.split(/[\s,]+/).filter(Boolean)) {
      const d = parseDuration(part);
      if (!d.ok) return { ok: false, error: `\`${name}\`: ${d.error}. Example: \`${usage}\`` };
      out.push(d.value);
    }
    if (out.length === 0 || out.length > 6)
      return { ok: false, error: `\`${name}\` takes 1 to 6 lead times, e.g. \`${usage}\`` };
    return { ok: true, value: [...new Set(out)].sort((a, b) => b - a) };
  });

/** A comma-separated list of event kinds. */
export const kinds = (description: string): OptionDef<EventKind[] | undefined> => ({
  ...kindList(description),
  autocomplete: 'kind',
});

const kindList = (description: string) =>
  custom<EventKind[]>({ description, example: 'summit,deadline' }, (name) => (raw) => {
    const list = raw
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((k) => k.toLowerCase());
    const bad = list.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
    if (list.length === 0 || bad.length)
      return {
        ok: false,
        error: `\`${name}\` must be kinds from: ${EVENT_KINDS.join(', ')}${bad.length ? ` (not ${bad.join(', ')})` : ''}`,
      };
    return { ok: true, value: list as EventKind[] };
  });
