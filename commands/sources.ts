import { defineCommand } from '../src/commands/define.js';
import { choice } from '../src/commands/options.js';
import { code, errorReply, type Field, type Reply, type Section, time } from '../src/render/reply.js';
import { freshSourceState, type SourceState } from '../src/sources/watcher-state.js';

const at = (iso: string | null) => (iso ? [time(Date.parse(iso), 'datetime+relative')] : ['never']);

function fields(s: SourceState, enabled: boolean): Field[] {
  const c = s.counts;
  return [
    { label: 'Last check', value: at(s.lastCheck) },
    { label: 'Last success', value: at(s.lastSuccess) },
    {
      label: 'Last error',
      value: s.lastError
        ? [
            `${s.lastError.kind}: ${s.lastError.message} (`,
            time(Date.parse(s.lastError.at), 'relative'),
            s.consecutiveErrors > 1 ? `, ${s.consecutiveErrors} in a row)` : ')',
          ]
        : ['none'],
    },
    {
      label: 'Next check',
      value: !enabled
        ? ['disabled in the sources file']
        : s.nextCheckAt
          ? at(s.nextCheckAt)
          : ['when the running bot next checks its sources (or now, with `sources check`)'],
    },
    {
      label: 'Counts',
      value: [
        `${c.checks} checks · ${c.notModified} not modified · ${c.errors} errors · ${c.documents} documents · ${c.proposals} proposals · ${c.duplicates} duplicates`,
      ],
    },
  ];
}

export default defineCommand({
  name: 'sources',
  description:
    'The official sources watched for new documents, with their last check and error; `check` checks them now',
  options: {
    action: choice({ description: '`check` checks every source now (editors)', choices: ['check'] as const }),
  },
  positional: ['action'],
  access: 'everyone',
  examples: ['sources', 'sources check'],
  run: async ({ action }, ctx): Promise<Reply> => {
    const service = ctx.sources;
    if (!service) return errorReply('No official sources are set up in this bot (see SOURCES_FILE).');
    let intro = service.background
      ? 'Checked in the background, each on its own interval.'
      : 'Background checks are off (SOURCES_ENABLED=false); editors check with /trade sources check.';
    if (action === 'check') {
      if (!ctx.actor.isEditor)
        return errorReply('Only editors can check the sources now. Nothing was checked.');
      const r = await service.checkAll();
      if (!r.ok) return errorReply(r.error);
      const failed = r.value.filter((x) => !x.ok).length;
      const proposed = r.value.reduce((n, x) => n + (x.ok ? x.proposals.length : 0), 0);
      intro = `Checked ${r.value.length} sources: ${failed} failed, ${proposed} new proposals.`;
    }
    const state = ctx.store.read().watcher;
    const sections: Section[] = service.sources.map((s) => ({
      heading: `${s.id} (${s.kind}${s.enabled ? '' : ', disabled'}) ${s.url}`,
      fields: fields(state.sources[s.id] ?? freshSourceState(), s.enabled),
    }));
    return {
      title: 'Official sources',
      intro: [intro],
      sections,
      context: [['Pending proposals: ', code('/trade proposals')]],
      visibility: 'ephemeral',
    };
  },
});
