import type { CommandDef } from './define.js';

/** Changes the bot offers as buttons (Accept / Reject a proposal, record an outcome); any other change is typed. */
const CHANGES_ON_BUTTONS: ReadonlySet<string> = new Set(['accept', 'reject', 'edit']);

/** Whether a command only reads and is open to everyone (its answer to a press is private). */
export const isReading = (def: CommandDef): boolean => !def.mutates && def.access === 'everyone';

/** Whether a button may run this command: a reading command, or one of the changes the bot puts on buttons. */
export const isPressable = (def: CommandDef): boolean => isReading(def) || CHANGES_ON_BUTTONS.has(def.name);
