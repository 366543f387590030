import { z } from 'zod';
import { codePoint, firstControlChar } from '../domain/control-chars.js';
import { countryCode } from '../domain/country-names.js';
import { parseDateTime, parseDuration, parseIntInRange } from './values.js';

/** What every option needs to be typed on Discord, parsed from text, and explained in help. */
export interface OptionDef<T = unknown> {
  /** The platform type a typed UI (Discord) offers for it. */
  readonly type: 'string' | 'integer' | 'boolean';
  readonly description: string;
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
  readonly autocomplete?: 'event' | 'country' | 'kind';
  /** Takes the rest of the words when given without a key (`/trade event paris talks`). */
  readonly rest?: boolean;
  /** A date that may be followed by a time and a zone as separate words (`2026-03-15 09:00 Europe/Paris`). */
  readonly absorbsTime?: boolean;
  /** A valid value, used in help and error messages. */
  readonly example: string;
  /**
   * Builds the zod schema for raw text or typed values; `usage` is an example command line and
   * `zone` the time zone a date without one is read in.
   */
  readonly schema: (name: string, usage: string, zone: string) => z.ZodType<T>;
  /**
   * The same validation as `schema` without zod, for the path every command takes: the value the schema gives,
   * or `undefined` for anything the schema might refuse (the caller then runs the schema, which words the error).
   */
  readonly accept: (name: string, usage: string, zone: string) => (raw: unknown) => Accepted<T> | undefined;
}

/** A value an option's `accept` took, as its schema would give it. */
export type Accepted<T> = { readonly value: T };

/** Zod schema that runs a Result-returning parser and reports its error as the issue message. */
function fromParser<T>(parse: (raw: string) => { ok: true; value: T } | { ok: false; error: string }) {
  return z.union([z.string(), z.number(), z.boolean()]).transform((raw, ctx): T => {
    const result = parse(String(raw).trim());
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });
}

type Base = { description: string; example?: string; rest?: boolean };
type Req<T> = { required: true; default?: never } | { required?: false; default: T };
type Opt = { required?: false; default?: undefined };

function finish<T>(
  def: Omit<OptionDef<T>, 'schema' | 'accept' | 'required' | 'example'> & {
    required?: boolean;
    example?: string;
  },
  fallbackExample: string,
  parser: (
    name: string,
    usage: string,
    zone: string,
  ) => (raw: string) => { ok: true; value: T } | { ok: false; error: string },
  dflt: T | undefined,
): OptionDef<T> {
  const required = def.required === true;
  return {
    ...def,
    required,
    example: def.example ?? fallbackExample,
    schema: (name, usage, zone) => {
      const base = fromParser(parser(name, usage, zone));
      if (required) return base as z.ZodType<T>;
      return base.optional().transform((v) => (v === undefined ? dflt : v)) as unknown as z.ZodType<T>;
    },
    accept: (name, usage, zone) => {
      const parse = parser(name, usage, zone);
      // What fromParser's union takes (zod refuses NaN and infinite numbers), then the same parser; left out, the
      // default. Anything else is left to the schema.
      return (raw) => {
        if (raw === undefined) return required ? undefined : { value: dflt as T };
        if (
          typeof raw !== 'string' &&
          typeof raw !== 'boolean' &&
          !(typeof raw === 'number' && Number.isFinite(raw))
        )
          return undefined;
        const result = parse(String(raw).trim());
        return result.ok ? { value: result.value } : undefined;
      };
    },
  };
}

/** A whole number within [min, max]. */
export function int(o: Base & { min: number; max: number } & Req<number>): OptionDef<number>;
export function int(o: Base & { min: number; max: number } & Opt): OptionDef<number | undefined>;
export function int(o: Base & { min: number; max: number; required?: boolean; default?: number }) {
  return finish<number>(
    { ...o, type: 'integer' },
    String(o.default ?? o.min),
    (name, usage) => (raw) => parseIntInRange(raw, o.min, o.max, name, usage),
    o.default,
  );
}

/** Why `raw` is refused for holding a control, bidi or invisible character, or undefined when it holds none. */
function controlProblem(name: string, raw: string, multiline: boolean): string | undefined {
  const ch = firstControlChar(raw, multiline);
  if (ch === undefined) return undefined;
  if (ch === '\n' || ch === '\r')
    return `\`${name}\` must be one line: remove the line break${multiline ? '' : ' (only `summary` may have several lines)'}`;
  return `\`${name}\` contains an invisible or control character (${codePoint(ch)}): remove it and type plain text`;
}

type TextOpts = { max?: number; multiline?: boolean };

/**
 * Free text, at most `max` characters, without control, bidi or invisible characters; `multiline` allows
 * line breaks (CR LF and CR are read as LF).
 */
export function text(o: Base & TextOpts & Req<string>): OptionDef<string>;
export function text(o: Base & TextOpts & Opt): OptionDef<string | undefined>;
export function text(o: Base & TextOpts & { required?: boolean; default?: string }) {
  const max = o.max ?? 200;
  const { multiline = false, ...def } = o;
  return finish<string>(
    { ...def, type: 'string', max },
    'text',
    (name) => (given) => {
      const raw = multiline ? given.replace(/\r\n?/g, '\n') : given;
      if (raw.length === 0) return { ok: false, error: `\`${name}\` is empty: give some text` };
      const problem = controlProblem(name, raw, multiline);
      if (problem) return { ok: false, error: problem };
      if (raw.length > max)
        return { ok: false, error: `\`${name}\` is too long (${raw.length} characters; at most ${max})` };
      return { ok: true, value: raw };
    },
    o.default,
  );
}

/** A reference to an event or measure: an id or the start of its title. Resolved by the command. */
export function itemRef(o: Base & Req<string>): OptionDef<string>;
export function itemRef(o: Base & Opt): OptionDef<string | undefined>;
export function itemRef(o: Base & { required?: boolean; default?: string }): OptionDef<string | undefined> {
  const base = (
    text as (x: Base & { max: number; required?: boolean; default?: string }) => OptionDef<string | undefined>
  )({
    ...o,
    max: 120,
  });
  return { ...base, autocomplete: 'event' };
}

/** One of a fixed list of words. */
export function choice<const C extends string>(o: Base & { choices: readonly C[] } & Req<C>): OptionDef<C>;
export function choice<const C extends string>(
  o: Base & { choices: readonly C[] } & Opt,
): OptionDef<C | undefined>;
export function choice<C extends string>(
  o: Base & { choices: readonly C[]; required?: boolean; default?: C },
) {
  return finish<C>(
    { ...o, type: 'string' },
    o.choices[0] ?? '',
    (name) => (raw) => {
      const lower = raw.toLowerCase();
      const found = o.choices.find((c) => c === lower);
      if (found) return { ok: true, value: found };
      return {
        ok: false,
        error: `\`${name}\` must be one of ${o.choices.map((c) => `\`${c}\``).join(', ')}`,
      };
    },
    o.default,
  );
}

/** yes/no (also true/false, on/off); help shows yes. */
export function bool(o: Base & { default: boolean }): OptionDef<boolean>;
export function bool(o: Base & Opt): OptionDef<boolean | undefined>;
export function bool(o: Base & { default?: boolean }) {
  return finish<boolean>(
    { ...o, type: 'boolean' },
    'yes',
    (name) => (raw) => {
      const v = raw.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(v)) return { ok: true, value: true };
      if (['false', 'no', 'off', '0'].includes(v)) return { ok: true, value: false };
      return { ok: false, error: `\`${name}\` must be yes or no (true/false)` };
    },
    o.default,
  );
}

/** Codes for a list of countries by code or name (`US,CN`, `china`, `united states, eu`); unknown words come back apart. */
function countryList(raw: string): { codes: string[]; bad: string[] } {
  const codes: string[] = [];
  const bad: string[] = [];
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const whole = countryCode(part);
    if (whole) {
      codes.push(whole);
      continue;
    }
    // `US CN` lists codes with spaces; each word must then name a country.
    for (const word of part.split(/\s+/)) {
      const code = countryCode(word);
      if (code) codes.push(code);
      else bad.push(word);
    }
  }
  return { codes: [...new Set(codes)], bad };
}

/** A comma-separated list of countries as ISO codes or names, any case (US,CN; china; united states). */
export function countries(o: Base & Opt): OptionDef<string[] | undefined> {
  return finish<string[]>(
    { ...o, type: 'string', autocomplete: 'country' },
    'CN',
    (name) => (raw) => {
      const { codes, bad } = countryList(raw);
      if (codes.length === 0 || bad.length > 0)
        return {
          ok: false,
          error: `\`${name}\` must be countries as ISO codes or names, such as US, CN, EU or china${bad.length ? ` (not ${bad.join(', ')})` : ''}`,
        };
      return { ok: true, value: codes };
    },
    undefined,
  );
}

/** A date, or a date and time with an optional IANA zone (`2026-03-15 09:00 Europe/Paris`). */
export function dateTime(o: Base & { required: true }): OptionDef<ParsedDateTime>;
export function dateTime(o: Base & Opt): OptionDef<ParsedDateTime | undefined>;
export function dateTime(o: Base & { required?: boolean }) {
  return finish<ParsedDateTime>(
    { ...o, type: 'string', absorbsTime: true },
    '2026-03-15',
    (name, _u, zone) => (raw) => parseDateTime(raw, zone, name),
    undefined,
  );
}

export type ParsedDateTime = { ms: number; zone: string; allDay: boolean; date?: string };

/** A duration such as 7d, 36h or 90m, in minutes. */
export function duration(o: Base & Opt): OptionDef<number | undefined> {
  return finish<number>({ ...o, type: 'string' }, '7d', () => parseDuration, undefined);
}

/** A text option with its own parser; its error message should name the option and give an example. */
export function custom<T>(
  o: Base & Opt & { example: string },
  parse: (
    name: string,
    usage: string,
  ) => (raw: string) => { ok: true; value: T } | { ok: false; error: string },
): OptionDef<T | undefined> {
  return finish<T>({ ...o, type: 'string' }, o.example, parse, undefined) as OptionDef<T | undefined>;
}
