import { describe, expect, it } from 'vitest';
import { allCommands } from '../../commands/index.js';
import { usageFor } from '../../src/commands/registry.js';

/**
 * Every option's `accept` (the check run on every command, without zod) takes exactly what its zod schema takes,
 * giving the same value, and leaves everything the schema refuses to the schema (which words the error).
 */
const texts = [
  '',
  ' ',
  '30',
  ' 30 ',
  '0',
  '-0',
  '+7',
  '1',
  '365',
  '366',
  '3650',
  '1e3',
  '1.5',
  'yes',
  'No',
  'on',
  'maybe',
  'past',
  'UPCOMING',
  'all',
  'soon',
  'summit',
  'US',
  'us,cn',
  'US CN',
  'china',
  'united states, eu',
  'XX',
  'US,XX',
  'paris-talks-2026',
  'beijing summit',
  '2026-03-15',
  '2026-03-15 09:00 Europe/Paris',
  '2026-03-15T09:00Z',
  '2026-02-30',
  '1900-01-01',
  '7d',
  '36h',
  'x'.repeat(121),
  'x'.repeat(201),
  'a\u200bb',
  'line\nbreak',
  'line\r\nbreak',
  '"quoted"',
];
const others: unknown[] = [
  undefined,
  null,
  1,
  30,
  0,
  -0,
  1.5,
  400,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  {},
  [],
  ['US'],
  10n,
];

describe('option accept', () => {
  for (const def of allCommands) {
    for (const [name, opt] of Object.entries(def.options)) {
      it(`${def.name} ${name}: the same as its schema`, () => {
        const inputs = [...texts, ...others, opt.example, ...(opt.choices ?? [])];
        for (const zone of ['UTC', 'America/New_York']) {
          const usage = usageFor(def, name);
          const schema = opt.schema(name, usage, zone);
          const accept = opt.accept(name, usage, zone);
          for (const raw of inputs) {
            const parsed = schema.safeParse(raw);
            const accepted = accept(raw);
            expect(
              accepted,
              `${def.name} ${name} ${typeof raw} ${JSON.stringify(String(raw))} in ${zone}`,
            ).toEqual(parsed.success ? { value: parsed.data } : undefined);
          }
        }
      });
    }
  }
});
