import { defineCommand } from '../src/commands/define.js';
import { countries, dateTime } from '../src/commands/options.js';
import { measureLine, stackHeadline } from '../src/commands/stack-lines.js';
import { AUTHORITY_LABELS } from '../src/domain/measure.js';
import { countryName } from '../src/domain/primitives.js';
import { stackFor, stackOnDay } from '../src/domain/stack.js';
import { code, type Section, time } from '../src/render/reply.js';

const PER_SECTION = 8;

export default defineCommand({
  name: 'tariffs',
  description:
    'The tariff stack in force on goods from a country, by legal authority, with dates and sources',
  options: {
    country: countries({ description: 'The country whose goods are taxed (default: the focus country)' }),
    on: dateTime({ description: 'Show the stack as it was on this date (default: now)' }),
  },
  positional: ['country'],
  access: 'everyone',
  examples: ['tariffs CN', 'tariffs CN on:2025-06-01'],
  run: ({ country, on }, ctx) => {
    const at = on?.ms ?? ctx.now();
    const code2 = country?.[0] ?? ctx.focusCountry;
    const measures = ctx.timeline().measures;
    const stack = on?.date ? stackOnDay(measures, code2, on.date, at) : stackFor(measures, code2, at);
    const sections: Section[] = [...stack.byAuthority].map(([authority, list]) => ({
      heading: AUTHORITY_LABELS[authority],
      lines: list.slice(0, PER_SECTION).map((m) => measureLine(m, ctx.now())),
      more: Math.max(0, list.length - PER_SECTION),
    }));
    if (sections.length === 0)
      sections.push({ lines: [[`No measure on goods from ${countryName(code2)} is in force.`]] });
    return {
      title: `Tariffs on goods from ${countryName(code2)}`,
      intro: [...stackHeadline(stack, ctx.now()), ' · as of ', time(at, on?.allDay ? 'date' : 'datetime')],
      sections,
      context: [
        [
          'Rates of product-specific measures apply only to the goods in their scope. Details: ',
          code('/trade event <id>'),
        ],
      ],
      visibility: 'ephemeral',
    };
  },
});
