import type { Reply } from '../render/reply.js';
import type { CommandContext } from './context.js';
import type { OptionDef } from './options.js';

export type OptionMap = Readonly<Record<string, OptionDef<unknown>>>;

/** The parsed values a command's `run` receives, typed from its option definitions. */
export type OptionValues<O extends OptionMap> = {
  [K in keyof O]: O[K] extends OptionDef<infer T> ? T : never;
};

/** One /trade subcommand: the single definition every platform is generated from. */
export interface CommandDef<O extends OptionMap = OptionMap> {
  readonly name: string;
  readonly description: string;
  readonly options: O;
  /** Option names filled, in order, by words given without a key. */
  readonly positional?: readonly (keyof O & string)[];
  readonly access: 'everyone' | 'editors';
  /** Example invocations without the `/trade` prefix; the first is the usage line. */
  readonly examples: readonly string[];
  /**
   * Changes the store: the platform acks first and dedupes retried requests. A function says so from the options
   * (`calendar` issues a token, `calendar format:ics` only reads); platforms treat any function as changing.
   */
  readonly mutates?: boolean | ((options: OptionValues<O>) => boolean);
  readonly run: (options: OptionValues<O>, ctx: CommandContext) => Reply | Promise<Reply>;
}

/** Declares a command; the identity function that gives `run` its option types. */
export function defineCommand<O extends OptionMap>(def: CommandDef<O>): CommandDef<O> {
  return def;
}

/** Whether running `def` with these parsed values changes the store. */
export const changesStore = (def: CommandDef, values: Record<string, unknown>): boolean =>
  typeof def.mutates === 'function' ? def.mutates(values as never) : def.mutates === true;
