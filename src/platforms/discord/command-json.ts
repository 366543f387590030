import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import type { CommandDef } from '../../commands/define.js';
import type { OptionDef } from '../../commands/options.js';

/** The two top-level commands: `/trade` for everyone, `/trade-admin` for editors (hidden from others). */
export const TRADE = 'trade';
export const TRADE_ADMIN = 'trade-admin';

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** One typed Discord option from our option definition. */
function optionJson(name: string, o: OptionDef<unknown>) {
  const type =
    o.type === 'integer'
      ? ApplicationCommandOptionType.Integer
      : o.type === 'boolean'
        ? ApplicationCommandOptionType.Boolean
        : ApplicationCommandOptionType.String;
  const choices = o.choices && o.choices.length <= 25 && !o.autocomplete ? o.choices : undefined;
  return {
    type,
    name,
    description: clip(o.description, 100),
    required: o.required,
    ...(o.type === 'integer' && o.min !== undefined ? { min_value: o.min } : {}),
    ...(o.type === 'integer' && o.max !== undefined ? { max_value: o.max } : {}),
    ...(o.type === 'string' && o.max !== undefined ? { max_length: Math.min(o.max, 6000) } : {}),
    ...(choices ? { choices: choices.map((c) => ({ name: c, value: c })) } : {}),
    ...(o.autocomplete ? { autocomplete: true } : {}),
  };
}

/** A subcommand: required options first, as Discord requires; at most 25. */
function subcommandJson(def: CommandDef) {
  const options = Object.entries(def.options)
    .map(([name, o]) => optionJson(name, o))
    .sort((a, b) => Number(b.required) - Number(a.required))
    .slice(0, 25);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: def.name,
    description: clip(def.description, 100),
    options,
  };
}

/** The application command bodies generated from the command registry: nothing is written twice for Discord. */
export function discordCommands(defs: readonly CommandDef[]) {
  const open = defs.filter((d) => d.access === 'everyone');
  const admin = defs.filter((d) => d.access === 'editors');
  return [
    {
      name: TRADE,
      description: 'US-China trade: brief, events, tariffs, deadlines, reminders',
      options: open.map(subcommandJson),
    },
    {
      name: TRADE_ADMIN,
      description: 'Edit the trade timeline (editors)',
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
      dm_permission: false,
      options: admin.map(subcommandJson),
    },
  ];
}
