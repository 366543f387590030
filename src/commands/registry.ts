import { z } from 'zod';
import { secondsSince, startTimer } from '../elapsed.js';
import { errorReply, type Reply } from '../render/reply.js';
import { StoreError } from '../store/errors.js';
import { bindTokens, type RawValues } from './bind.js';
import type { CommandContext, CommandSummary } from './context.js';
import type { CommandDef } from './define.js';
import { tokenize } from './lexer.js';
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

/** How someone who is not an editor becomes one, where they are. */
const EDITOR_HINT: Record<CommandContext['actor']['platform'], string> = {
  console:
    'The terminal may edit when CONSOLE_EDITOR=true is set in the environment or .env; restart the bot after changing it.',
  slack: 'Ask a workspace admin to add you to EDITORS.',
  discord: 'Ask a server admin to add you to EDITORS.',
};

/** How a run ended, with its reply. */
type Outcome = { reply: Reply; outcome: RunOutcome };

/** A command's schemas for one time zone: the whole object, each option's, and the values of options left out. */
interface Schemas {
  readonly object: z.ZodType<Record<string, unknown>>;
  readonly options: ReadonlyMap<string, z.ZodType>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

export class Registry {
  private readonly byName = new Map<string, CommandDef>();
  private readonly schemas = new Map<string, Schemas>();

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
    const key = `${def.name}\u0000${zone}`;
    let s = this.schemas.get(key);
    if (!s) {
      const shape: Record<string, z.ZodType> = {};
      const defaults: Record<string, unknown> = {};
      for (const [name, opt] of Object.entries(def.options)) {
        const option = opt.schema(name, usageFor(def, name), zone);
        shape[name] = option;
        // What the schema makes of an option left out (its default), worked out by the schema itself, once.
        if (!opt.required) {
          const absent = option.safeParse(undefined);
          if (absent.success) defaults[name] = absent.data;
        }
      }
      const object = z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
      s = { object, options: new Map(Object.entries(shape)), defaults };
      this.schemas.set(key, s);
    }
    return s;
  }

  /**
   * The values of `raw`, validated with the command's schema. Only the options given are parsed one by one (an
   * option left out takes the default its schema gives `undefined`); anything refused, and any name the
   * command does not have, goes through the whole object schema, which words the error.
   */
  private parseValues(s: Schemas, raw: RawValues): z.ZodSafeParseResult<Record<string, unknown>> {
    const values: Record<string, unknown> = { ...s.defaults };
    for (const name in raw) {
      const option = s.options.get(name);
      const parsed = option?.safeParse(raw[name]);
      if (!parsed?.success) return s.object.safeParse(raw);
      values[name] = parsed.data;
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
    for (const [name, opt] of Object.entries(def.options)) {
      if (opt.required && (raw[name] === undefined || raw[name] === '')) {
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
    const result = this.parseValues(this.schema(def, zone), raw);
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

  /** Parses a command line such as `deadlines days:30` into a command and its values. */
  parseText(text: string, zone: string): Parsed {
    const lexed = tokenize(withoutTradePrefix(text));
    if (!lexed.ok) return { ok: false, reply: errorReply(lexed.error) };
    const [first, ...rest] = lexed.tokens;
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
    const bound = bindTokens(found.def, rest);
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
    const finish = ({ reply, outcome }: Outcome): Reply => {
      const command = parsed.def?.name ?? 'unknown';
      const seconds = secondsSince(started);
      this.onRun({ command, platform: ctx.actor.platform, outcome, seconds });
      return reply;
    };
    // A command that answers at once (most do) is finished without waiting for a turn of the event loop.
    const outcome = this.#run(parsed, ctx, log);
    return outcome instanceof Promise ? outcome.then(finish) : Promise.resolve(finish(outcome));
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
    const answered = (reply: Reply): Outcome => ({
      reply,
      outcome: reply.tone === 'error' ? 'refused' : 'ok',
    });
    const failed = (err: unknown): Outcome => {
      // The store's own refusals (database unreachable, a change that collided) are meant to be shown as they are.
      if (err instanceof StoreError) return { reply: errorReply(err.message), outcome: 'refused' };
      log(err);
      const reply = errorReply(
        `Something went wrong on our side while running \`/trade ${def.name}\`. Nothing was changed.`,
      );
      return { reply, outcome: 'failed' };
    };
    try {
      const reply = def.run(values as never, ctx);
      return reply instanceof Promise ? reply.then(answered, failed) : answered(reply);
    } catch (err) {
      return failed(err);
    }
  }

  /** Parses and runs one command line. */
  dispatch(text: string, ctx: CommandContext, log?: (err: unknown) => void): Promise<Reply> {
    return this.run(this.parseText(text, ctx.zone), ctx, log);
  }
}
