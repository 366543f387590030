import { describe, expect, it } from 'vitest';
import { withButtonRows } from '../../src/platforms/discord/button-rows.js';
import { renderEmbeds } from '../../src/platforms/discord/embeds.js';
import type { Action, Reply } from '../../src/render/reply.js';
import { renderText } from '../../src/render/text.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';

const act = (command: string, label = command): Action => ({ label, command });
const reply = (sections: Action[][], actions: Action[] = []): Reply => ({
  title: 't',
  sections: sections.map((a, n) => ({ lines: [[`item ${n}`]], actions: a })),
  actions,
  visibility: 'public',
});

describe('Discord button rows', () => {
  it('leave out a button that opens a form (Discord has none here), and so does the terminal', () => {
    const edit: Action = { label: 'Edit', command: 'accept pabc123', form: true };
    const r = reply([[edit]], [act('accept pabc123', 'Accept'), edit, act('reject pabc123', 'Reject')]);
    const { reply: shown, rows } = withButtonRows(r);
    expect(rows.map((row) => row.components.map((b) => ('label' in b ? b.label : '')))).toEqual([
      ['Accept', 'Reject'],
    ]);
    expect(JSON.stringify(shown.context ?? [])).not.toContain('Edit');
    const text = renderText(r, { zone: 'UTC' });
    expect(text).toContain('Accept: accept pabc123 · Reject: reject pabc123');
    expect(text).not.toContain('Edit');
  });

  it('gives each section its row and the reply its own, with the command in the custom_id', () => {
    const { rows } = withButtonRows(
      reply([[act('edit a status:held', 'held')]], [act('events page:2', 'More')]),
    );
    expect(rows.map((r) => r.components.map((b) => ('custom_id' in b ? b.custom_id : '')))).toEqual([
      ['cmd:edit a status:held'],
      ['cmd:events page:2'],
    ]);
  });

  it('past 5 rows, 5 a row or 100 characters of custom_id, names the left-out commands in the text instead', () => {
    const sections = Array.from({ length: 7 }, (_, n) => [act(`edit item-${n} status:held`, 'held')]);
    const long = act(`events text:"${'x'.repeat(100)}"`, 'More');
    const six = Array.from({ length: 6 }, (_, n) => act(`events page:${n + 2}`));
    const { reply: shown, rows } = withButtonRows(reply(sections, [long]));
    expect(rows).toHaveLength(5);
    const text = (shown.context ?? [])
      .flat()
      .map((s) => (typeof s === 'string' ? s : 'text' in s ? s.text : ''))
      .join('\n');
    for (const n of [5, 6]) expect(text).toContain(`/trade edit item-${n} status:held`);
    expect(text).toContain(`/trade ${long.command}`);
    expect(text).not.toContain('item-4');
    const body = { embeds: renderEmbeds(shown), components: rows };
    expect(discordMessageProblems(body as never)).toEqual([]);

    const wide = withButtonRows(reply([six]));
    expect(wide.rows.map((r) => r.components.length)).toEqual([5, 1]);
    expect(discordMessageProblems({ embeds: [{ title: 't' }], components: wide.rows } as never)).toEqual([]);
  });
});
