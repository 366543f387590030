import { defaultTariffWindow, tariffChartReply } from '../src/charts/tariff-reply.js';
import { timelineChartReply } from '../src/charts/timeline-reply.js';
import { defineCommand } from '../src/commands/define.js';
import { bool, choice, countries, dateTime, int } from '../src/commands/options.js';
import { kinds } from '../src/commands/schedule-options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';

/** The chart shown to the asker alone, with how to show it to the channel; or posted for everyone with `share:yes`. */
const shown = (reply: Reply, share: boolean | undefined, inChat: boolean): Reply =>
  share
    ? { ...reply, visibility: 'public' }
    : reply.files?.length && inChat
      ? {
          ...reply,
          visibility: 'ephemeral',
          context: [
            ...(reply.context ?? []),
            ['Add ', code('share:yes'), ' to post the chart for everyone here.'],
          ],
        }
      : { ...reply, visibility: 'ephemeral' };

const CHARTS = ['tariffs', 'timeline'] as const;

export default defineCommand({
  name: 'chart',
  description: 'A chart as a picture: the tariff stack over time, or what is coming as a timeline',
  options: {
    type: choice({ description: 'Which chart: tariffs or timeline', choices: CHARTS, required: true }),
    country: countries({
      description:
        'tariffs: whose goods (code or name; default: the focus country); timeline: only these countries',
      rest: true,
    }),
    from: dateTime({ description: 'tariffs: start of the chart (default: a month before the first change)' }),
    to: dateTime({
      description: 'tariffs: end of the chart (default: two months after today or the last change)',
    }),
    days: int({ description: 'timeline: how many days ahead (default 90)', min: 1, max: 365 }),
    kind: kinds('timeline: only items of these kinds (summit,deadline)'),
    share: bool({ description: 'Post the chart to the channel instead of only to you', default: false }),
  },
  positional: ['type', 'country'],
  access: 'everyone',
  examples: [
    'chart tariffs CN',
    'chart tariffs china from:2025-01-01 to:2025-12-31',
    'chart timeline days:90 kind:deadline',
  ],
  run: (o, ctx) => {
    const now = ctx.now();
    if (o.type === 'tariffs') {
      const misplaced = (['days', 'kind'] as const).filter((k) => o[k] !== undefined);
      if (misplaced.length)
        return errorReply(
          `\`${misplaced[0]}\` goes with \`chart timeline\`; \`chart tariffs\` takes a country, \`from\` and \`to\`, e.g. \`/trade chart tariffs CN from:2025-01-01\``,
        );
      if (o.country && o.country.length > 1)
        return errorReply(
          `\`country\` must be one country for \`chart tariffs\`, e.g. \`/trade chart tariffs CN\``,
        );
      const country = o.country?.[0] ?? ctx.focusCountry;
      const tl = ctx.timeline();
      const dflt = defaultTariffWindow(tl, country, now);
      const fromMs = o.from?.ms ?? dflt.fromMs;
      const toMs = o.to?.ms ?? Math.max(dflt.toMs, fromMs + 86_400_000);
      if (fromMs >= toMs)
        return errorReply(
          '`from` must be before `to`, e.g. `/trade chart tariffs CN from:2025-01-01 to:2025-12-31`',
        );
      return shown(
        tariffChartReply(tl, country, fromMs, toMs, now),
        o.share,
        ctx.channel.platform !== 'console',
      );
    }
    const misplaced = (['from', 'to'] as const).filter((k) => o[k] !== undefined);
    if (misplaced.length)
      return errorReply(
        `\`${misplaced[0]}\` goes with \`chart tariffs\`; \`chart timeline\` looks ahead from today: use \`days\`, e.g. \`/trade chart timeline days:180\``,
      );
    return shown(
      timelineChartReply(ctx.timeline(), { days: o.days ?? 90, countries: o.country, kinds: o.kind }, now),
      o.share,
      ctx.channel.platform !== 'console',
    );
  },
});
