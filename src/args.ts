import { z } from 'zod';
import { escapeControls } from './domain/control-chars.js';
import { DATE_RANGE, isInDateRange } from './domain/primitives.js';

const Args = z.object({
  now: z.iso
    .datetime({ offset: true, message: '`--now` must be an ISO instant such as 2026-03-12T09:00:00Z' })
    .transform((s) => Date.parse(s))
    .refine(isInDateRange, `\`--now\` must be a date from ${DATE_RANGE}, e.g. 2026-03-12T09:00:00Z`)
    .optional(),
  speed: z.coerce
    .number({ message: '`--speed` must be a number from 1 to 100000, e.g. --speed 60' })
    .min(1, '`--speed` must be a number from 1 to 100000, e.g. --speed 60')
    .max(100_000, '`--speed` must be a number from 1 to 100000, e.g. --speed 60')
    .default(1),
  words: z.array(z.string()),
});
export type Args = z.infer<typeof Args>;

export class ArgsError extends Error {}

/** Parses `--now <ISO>`, `--speed N` (either as `--flag value` or `--flag=value`) and the remaining words. */
export function parseArgs(argv: readonly string[]): Args {
  const raw: Record<string, unknown> = { words: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^--(now|speed)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined)
        throw new ArgsError(`\`--${m[1]}\` needs a value, e.g. --now 2026-03-12T09:00:00Z`);
      raw[m[1] as string] = value;
    } else if (a.startsWith('--')) {
      throw new ArgsError(`Unknown option \`${escapeControls(a)}\`. Known: --now <ISO instant>, --speed <N>`);
    } else (raw.words as string[]).push(a);
  }
  const r = Args.safeParse(raw);
  if (!r.success) throw new ArgsError(r.error.issues.map((i) => i.message).join('\n'));
  return r.data;
}
