import { defineCommand } from '../src/commands/define.js';
import { slugify, toMoment } from '../src/commands/event-input.js';
import { checkMeasure, measureFields } from '../src/commands/measure-input.js';
import { text } from '../src/commands/options.js';
import { code, errorReply, type Reply } from '../src/render/reply.js';
import { addMeasure, CatalogError } from '../src/store/catalog.js';

/** The host of a URL, for a source's default title; the schema then judges the URL itself. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'Source';
  } catch {
    return 'Source';
  }
}

export default defineCommand({
  name: 'add-measure',
  description: 'Add a tariff or trade measure (editors)',
  options: { ...measureFields, id: text({ description: 'An id (default: made from the title)', max: 80 }) },
  access: 'editors',
  mutates: true,
  examples: [
    'add-measure title:"Section 232 tariff on drones" authority:section-232 rate:25% imposing:US targets:all from:2026-12-15 coverage:some-goods scope:"Unmanned aircraft" hts:8806 source:https://www.federalregister.gov/d/2026-00001',
  ],
  run: async (o, ctx): Promise<Reply> => {
    const missing = (['title', 'authority', 'rate', 'targets', 'source'] as const).filter(
      (k) => o[k] === undefined,
    );
    if (missing.length)
      return errorReply(
        `\`/trade add-measure\` needs ${missing.map((m) => `\`${m}\``).join(', ')}. Nothing was added.`,
        'Example: `/trade add-measure title:"Section 232 tariff on drones" authority:section-232 rate:25% targets:all from:2026-12-15 source:https://…`',
      );
    const title = o.title as string;
    const url = o.source as string;
    const candidate = {
      id: o.id ?? slugify(title),
      title,
      imposing: o.imposing ?? 'US',
      targets: o.targets,
      authority: o.authority,
      rate: o.rate,
      coverage: o.coverage ?? 'some-goods',
      scope: o.scope ?? '',
      hts: o.hts,
      from: o.from ? toMoment(o.from) : undefined,
      until: o.until ? toMoment(o.until) : undefined,
      status: o.status ?? (o.from && o.from.ms > ctx.now() ? 'announced' : 'in-force'),
      summary: o.summary,
      sources: [{ title: o.source_title ?? hostOf(url), url }],
      confidence: o.confidence ?? 'reported',
    };
    const checked = checkMeasure(candidate);
    if (!checked.ok) return errorReply(`${checked.error}. Nothing was added.`);
    let measure: typeof checked.measure;
    try {
      const actor = `${ctx.actor.platform}:${ctx.actor.id}`;
      const at = new Date(ctx.now()).toISOString();
      measure = await addMeasure(ctx.store, checked.measure, actor, at, o.id === undefined);
    } catch (err) {
      if (err instanceof CatalogError)
        return errorReply(`${err.message} Nothing was added.`, 'Choose another `id:`.');
      throw err;
    }
    return {
      title: `Added ${measure.title}`,
      intro: ['See it with ', code(`/trade event ${measure.id}`)],
      sections: [],
      visibility: 'ephemeral',
    };
  },
});
