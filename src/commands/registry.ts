import { z } from 'zod';
import { deepFreeze } from '../domain/deep-freeze.js';
import { secondsSince, startTimer } from '../elapsed.js';
import { errorReply, type Reply } from '../render/reply.js';
import { StoreError } from '../store/errors.js';
import { bindTokens, type RawValues } from './bind.js';
import type { CommandContext, CommandSummary } from './context.js';
import type { CommandDef } from './define.js';
import { tokenize } from './lexer.js';
import type { Accepted, OptionDef } from './options.js';
import { closest, uniquePrefix } from './suggest.js';

export type Parsed =
  | { ok: true; def: CommandDef; values: Record<string, unknown> }
  /** `field` names the option at fault, when one is, for forms that show errors inline; `def` the command, if known. */
  | { ok: false; reply: Reply; field?: string; def?: CommandDef };

/** How a command run ended: answered, refused (a mistake in the command), denied (editors only) or failed (a bug). */
export type RunOutcome = 'ok' | 'refused' | 'denied' | 'failed';

/** One finished command run, for logs and metrics; `command` is a defined name or `unknown`. */
export interface CommandRun {
  readonly command: string;
  readonly platform: string;
  readonly outcome: RunOutcome;
  readonly seconds: number;
}

/** Example command line for one option of a command. */
export function usageFor(def: CommandDef, option?: string): string {
  if (option) {
    const opt = def.options[option];
    // A command that cannot run on this option alone (`chart` needs its type) is shown by a whole example with it.
    const needsMore = Object.entries(def.options).some(([name, o]) => name !== option && o.required);
    const whole = needsMore ? def.examples.find((e) => e.includes(` ${option}:`)) : undefined;
    return whole ? `/trade ${whole}` : `/trade ${def.name} ${option}:${opt?.example ?? '…'}`;
  }
  return `/trade ${def.examples[0] ?? def.name}`;
}

/** All the commands, found by name, with their option schemas built once per time zone. */
/** A command line without a leading `/trade` or `trade`: `/trade add …` and `trade add …` mean `add …`. */
export const withoutTradePrefix = (text: string): string => text.replace(/^\s*\/?trade\b/i, '').trim();

const FIRST_WORD = /^\S+/;

/** At most this many parses are kept (parseText), of texts at most this long. */
export const MAX_PARSES = 2_000;
export const MAX_PARSED_TEXT = 300;

/** How someone who is not an editor becomes one, where they are. */
const EDITOR_HINT: Record<CommandContext['actor']['platform'], string> = {
  console:
    'The terminal may edit when CONSOLE_EDITOR=true is set in the environment or .env; restart the bot after changing it.',
  slack: 'Ask a workspace admin to add you to EDITORS.',
  discord: 'Ask a server admin to add you to EDITORS.',
};

/** How a run ended, with its reply. */
type Outcome = { reply: Reply; outcome: RunOutcome };

/**
 * A command's schemas for one time zone: the whole object, each option's validation without zod (`accept`, the
 * same parsers), and the values of options left out.
 */
interface Schemas {
  /** The options a command line must give, in definition order. */
  readonly required: readonly (readonly [string, OptionDef])[];
  readonly object: z.ZodType<Record<string, unknown>>;
  readonly options: ReadonlyMap<string, (raw: unknown) => Accepted<unknown> | undefined>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** A command's reply as an outcome: refused when it is an error. */
function answered(reply: Reply): Outcome {
  return { reply, outcome: reply.tone === 'error' ? 'refused' : 'ok' };
}

/** A command that threw: the store's own refusals are shown as they are; anything else is logged as a bug. */
function failed(def: CommandDef, log: (err: unknown) => void, err: unknown): Outcome {
  if (err instanceof StoreError) return { reply: errorReply(err.message), outcome: 'refused' };
  log(err);
  const reply = errorReply(
    `Something went wrong on our side while running \`/trade ${def.name}\`. Nothing was changed.`,
  );
  return { reply, outcome: 'failed' };
}

export class Registry {
  private readonly byName = new Map<string, CommandDef>();
  /** By command, then by zone. */
  private readonly schemas = new Map<CommandDef, Map<string, Schemas>>();
  /** Reading commands' parses, by zone and text (parseText). */
  private readonly parses = new Map<string, Parsed>();

  constructor(
    defs: readonly CommandDef[],
    private readonly onRun: (run: CommandRun) => void = () => {},
  ) {
    for (const d of defs) {
      if (this.byName.has(d.name)) throw new Error(`command ${d.name} is defined twice`);
      this.byName.set(d.name, d);
    }
  }

  /** Every command, in definition order. */
  list(): CommandDef[] {
    return [...this.byName.values()];
  }

  summaries(): CommandSummary[] {
    return this.list().map((d) => ({
      name: d.name,
      description: d.description,
      usage: usageFor(d),
      access: d.access,
      options: Object.entries(d.options).map(([name, o]) => ({
        name,
        description: o.description,
        required: o.required,
        example: o.example,
      })),
    }));
  }

  /** The command with this name or unique prefix, or a reply saying which one was meant. */
  find(name: string): { ok: true; def: CommandDef } | { ok: false; reply: Reply } {
    const key = name.toLowerCase();
    const exact = this.byName.get(key);
    if (exact) return { ok: true, def: exact };
    const names = [...this.byName.keys()];
    const { match, ambiguous } = uniquePrefix(key, names);
    if (match) return { ok: true, def: this.byName.get(match) as CommandDef };
    const guess = ambiguous.length ? undefined : closest(key, names);
    const hint = ambiguous.length
      ? `Did you mean ${ambiguous.map((n) => `\`/trade ${n}\``).join(' or ')}?`
      : guess
        ? `Did you mean \`/trade ${guess}\`?`
        : 'Type `/trade help` to see every command.';
    return { ok: false, reply: errorReply(`\`${name}\` is not a /trade command. ${hint}`) };
  }

  private schema(def: CommandDef, zone: string): Schemas {
    let byZone = this.schemas.get(def);
    if (!byZone) {
      byZone = new Map();
      this.schemas.set(def, byZone);
    }
    let s = byZone.get(zone);
    if (!s) {
      const shape: Record<string, z.ZodType> = {};
      const accepts = new Map<string, (raw: unknown) => Accepted<unknown> | undefined>();
      const defaults: Record<string, unknown> = {};
      for (const [name, opt] of Object.entries(def.options)) {
        const usage = usageFor(def, name);
        const option = opt.schema(name, usage, zone);
        shape[name] = option;
        accepts.set(name, opt.accept(name, usage, zone));
        // What the schema makes of an option left out (its default), worked out by the schema itself, once.
        if (!opt.required) {
          const absent = option.safeParse(undefined);
          if (absent.success) defaults[name] = absent.data;
        }
      }
      const object = z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
      const required = Object.entries(def.options).filter(([, o]) => o.required);
      s = { required, object, options: accepts, defaults };
      byZone.set(zone, s);
    }
    return s;
  }

  /**
   * The values of `raw`, validated with the command's schema. Only the options given are parsed one by one, by
   * the parsers their zod schemas run (an option left out takes the default its schema gives `undefined`);
   * anything refused, and any name the command does not have, goes through the whole object schema, which words
   * the error.
   */
  private parseValues(s: Schemas, raw: RawValues): z.ZodSafeParseResult<Record<string, unknown>> {
    const values: Record<string, unknown> = { ...s.defaults };
    for (const name in raw) {
      const accepted = s.options.get(name)?.(raw[name]);
      if (accepted === undefined) return s.object.safeParse(raw);
      values[name] = accepted.value;
    }
    return { success: true, data: values };
  }

  /** Validates raw option values (typed, from Discord, or bound from text) with the command's schema. */
  /** The command a line names by its first word (after any `/trade`), when it names one. */
  named(text: string): CommandDef | undefined {
    const word = FIRST_WORD.exec(withoutTradePrefix(text))?.[0];
    const found = word ? this.find(word) : undefined;
    return found?.ok ? found.def : undefined;
  }

  validate(def: CommandDef, raw: RawValues, zone: string): Parsed {
    const schemas = this.schema(def, zone);
    for (const [name, opt] of schemas.required) {
      if (raw[name] === undefined || raw[name] === '') {
        return {
          ok: false,
          field: name,
          def,
          reply: errorReply(
            `\`/trade ${def.name}\` needs \`${name}\` (${opt.description}).`,
            `Example: \`${usageFor(def)}\``,
          ),
        };
      }
    }
    const result = this.parseValues(schemas, raw);
    if (result.success) return { ok: true, def, values: result.data };
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    const message =
      issue?.code === 'custom'
        ? issue.message
        : `\`${field}\` is not valid: ${issue?.message ?? 'unknown problem'}`;
    return {
      ok: false,
      field: field || undefined,
      def,
      reply: errorReply(message, `Example: \`${usageFor(def, field || undefined)}\``),
    };
  }

  /**
   * Parses a command line such as `deadlines days:30` into a command and its values. A reading command's parse is
   * kept by zone and text (a pure function of both; most questions are asked in a few words, again and again): its
   * values frozen, at most MAX_PARSES of them (the oldest let go first), texts over MAX_PARSED_TEXT never kept. A
   * command that changes something, or a line refused, is parsed each time.
   */
  parseText(text: string, zone: string): Parsed {
    if (text.length > MAX_PARSED_TEXT) return this.parseLine(text, zone);
    const key = `${zone}\u0000${text}`;
    const kept = this.parses.get(key);
    if (kept) return kept;
    const parsed = this.parseLine(text, zone);
    if (!parsed.ok || parsed.def.mutates) return parsed;
    if (this.parses.size >= MAX_PARSES) this.parses.delete(this.parses.keys().next().value as string);
    const frozen = Object.freeze({ ...parsed, values: deepFreeze(parsed.values) });
    this.parses.set(key, frozen);
    return frozen;
  }

  private parseLine(text: string, zone: string): Parsed {
    const lexed = tokenize(withoutTradePrefix(text));
    if (!lexed.ok) return { ok: false, reply: errorReply(lexed.error) };
    const first = lexed.tokens[0];
    if (!first) return this.validate(this.byName.get('help') as CommandDef, {}, zone);
    if (first.key !== undefined)
      return {
        ok: false,
        reply: errorReply(
          `Start with a command name, e.g. \`/trade brief\`; \`${first.key}:\` looks like an option.`,
        ),
      };
    const found = this.find(first.value);
    if (!found.ok) return found;
    const bound = bindTokens(found.def, lexed.tokens, 1);
    if (!bound.ok)
      return {
        ok: false,
        def: found.def,
        reply: errorReply(bound.error, `Example: \`${usageFor(found.def)}\``),
      };
    return this.validate(found.def, bound.raw, zone);
  }

  /** Runs a parsed command: checks who may run it, and turns any failure into a reply without a stack trace. */
  run(parsed: Parsed, ctx: CommandContext, log: (err: unknown) => void = () => {}): Promise<Reply> {
    const started = startTimer();
    // A command that answers at once (most do) is finished without waiting for a turn of the event loop.
    const outcome = this.#run(parsed, ctx, log);
    return outcome instanceof Promise
      ? outcome.then((o) => this.#finish(parsed, ctx, started, o))
      : Promise.resolve(this.#finish(parsed, ctx, started, outcome));
  }

  // The steps of a run are methods and module functions, not named closures made per run: under tsx (its
  // `keepNames`) every such closure is renamed when it is made, which cost more than the rest of the run.
  #finish(parsed: Parsed, ctx: CommandContext, started: bigint, { reply, outcome }: Outcome): Reply {
    const command = parsed.def?.name ?? 'unknown';
    const seconds = secondsSince(started);
    this.onRun({ command, platform: ctx.actor.platform, outcome, seconds });
    return reply;
  }

  #run(parsed: Parsed, ctx: CommandContext, log: (err: unknown) => void): Outcome | Promise<Outcome> {
    if (!parsed.ok) return { reply: parsed.reply, outcome: 'refused' };
    const { def, values } = parsed;
    if (def.access === 'editors' && !ctx.actor.isEditor) {
      const reply = errorReply(
        `\`/trade ${def.name}\` is for editors only, and you are not on the editors list. Nothing was changed.`,
        EDITOR_HINT[ctx.actor.platform],
      );
      return { reply, outcome: 'denied' };
    }
    try {
      const reply = def.run(values as never, ctx);
      return reply instanceof Promise
        ? reply.then(answered, (err) => failed(def, log, err))
        : answered(reply);
    } catch (err) {
      return failed(def, log, err);
    }
  }

  /** Parses and runs one command line. */
  dispatch(text: string, ctx: CommandContext, log?: (err: unknown) => void): Promise<Reply> {
    return this.run(this.parseText(text, ctx.zone), ctx, log);
  }
}
