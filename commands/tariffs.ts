import { defineCommand } from '../src/commands/define.js';
import { countries, dateTime } from '../src/commands/options.js';
import { measureLine, stackHeadline, stackTitle } from '../src/commands/stack-lines.js';
import { countryInSentence } from '../src/domain/country-names.js';
import { AUTHORITY_LABELS } from '../src/domain/measure.js';
import { stackOnDay } from '../src/domain/stack.js';
import { code, type Section, time } from '../src/render/reply.js';

const PER_SECTION = 8;

export default defineCommand({
  name: 'tariffs',
  description:
    'The tariff stack in force on goods from a country, by legal authority, with dates and sources',
  options: {
    country: countries({
      description: 'The country whose goods are taxed, as a code or a name (default: the focus country)',
      rest: true,
    }),
    on: dateTime({ description: 'Show the stack as it was on this date (default: now)' }),
  },
  positional: ['country'],
  access: 'everyone',
  examples: ['tariffs CN', 'tariffs china on:2025-06-01', 'tariffs US'],
  run: ({ country, on }, ctx) => {
    const at = on?.ms ?? ctx.now();
    const code2 = country?.[0] ?? ctx.focusCountry;
    const tl = ctx.timeline();
    const stack = on?.date ? stackOnDay(tl.measures, code2, on.date, at) : tl.stack(code2, at);
    const sections: Section[] = [...stack.byAuthority].map(([authority, list]) => ({
      heading: AUTHORITY_LABELS[authority],
      lines: list.slice(0, PER_SECTION).map((m) => measureLine(m, ctx.now())),
      more: Math.max(0, list.length - PER_SECTION),
    }));
    if (sections.length === 0)
      sections.push({ lines: [[`No measure on goods from ${countryInSentence(code2)} is in force.`]] });
    return {
      title: stackTitle(stack),
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
