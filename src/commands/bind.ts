import type { CommandDef } from './define.js';
import type { Token } from './lexer.js';
import { closest } from './suggest.js';

export type RawValues = Record<string, string | number | boolean>;
export type BindResult = { ok: true; raw: RawValues } | { ok: false; error: string };

const TIME = /^\d{1,2}:\d{2}$/;
const ZONE = /^(UTC|Z|[A-Za-z_]+\/[A-Za-z_+\-/0-9]+)$/;

/**
 * Puts words typed after a subcommand into its options: `key:value` by name, bare words by position. `from` is
 * the first of `tokens` to bind (the ones before it, such as the command's name, are left alone).
 */
export function bindTokens(def: CommandDef, tokens: readonly Token[], from = 0): BindResult {
  const raw: RawValues = {};
  const positional = def.positional ?? [];
  let nextPositional = 0;
  let restParts: string[] | undefined;
  let restName: string | undefined;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    let name: string;
    if (t.key !== undefined) {
      if (!(t.key in def.options)) {
        const names = Object.keys(def.options);
        const guess = closest(t.key, names);
        const list = names.length ? names.map((n) => `\`${n}\``).join(', ') : 'none';
        return {
          ok: false,
          error: `\`${t.key}\` is not an option of \`${def.name}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}. Its options: ${list}`,
        };
      }
      name = t.key;
    } else if (restName !== undefined && restParts) {
      restParts.push(t.value);
      continue;
    } else {
      const next = positional[nextPositional++];
      if (next === undefined) {
        const names = Object.keys(def.options);
        return {
          ok: false,
          error: `I did not understand \`${t.value}\`: \`${def.name}\` takes ${names.length ? names.map((n) => `\`${n}:…\``).join(', ') : 'no options'}. Example: \`/trade ${def.examples[0] ?? def.name}\``,
        };
      }
      name = next;
    }
    if (name in raw) return { ok: false, error: `\`${name}\` is given twice: give it once` };
    const opt = def.options[name];
    let value = t.value;
    if (opt?.absorbsTime) {
      while (i + 1 < tokens.length && tokens[i + 1]?.key === undefined) {
        const nextValue = (tokens[i + 1] as Token).value;
        if (!TIME.test(nextValue) && !ZONE.test(nextValue)) break;
        value = `${value} ${nextValue}`;
        i++;
      }
    }
    if (opt?.rest && t.key === undefined) {
      restName = name;
      restParts = [value];
      continue;
    }
    raw[name] = value;
  }
  if (restName !== undefined && restParts) raw[restName] = restParts.join(' ');
  return { ok: true, raw };
}
