/**
 * renderEmbeds counts and joins in single passes. The renderer as it was first written (lines mapped and filtered,
 * every field's markdown made twice, the total counted afresh at each step) is kept here as the specification: for
 * the real answers of the bench's commands and for replies made to hit every limit and every escape, the JSON
 * Discord receives must be the same, byte for byte. One change from it is intended and tested on its own below: when
 * fewer than ten embeds were made and some are dropped for Discord's 6000 characters, the reply says how many.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/domain/control-chars.js';
import { DISCORD_LIMITS, type Embed, renderEmbeds } from '../../src/platforms/discord/embeds.js';
import { discordMarkdown, escapeDiscord } from '../../src/platforms/discord/markdown.js';
import type { Reply, Section } from '../../src/render/reply.js';
import { reader, seededBot, type TestBot } from '../helpers/bot.js';
import { madeUp } from '../helpers/made-up-replies.js';

const COLORS = { info: 0x1d3557, error: 0xd62828, warning: 0xf77f00 };
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const size = (e: Embed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

function sectionText(s: Section): string {
  const lines = (s.lines ?? []).map((l) => `• ${discordMarkdown(l)}`);
  if (s.more) lines.push(`… and ${s.more} more`);
  return [s.heading ? `**${escapeDiscord(s.heading)}**` : '', ...lines].filter(Boolean).join('\n');
}

/** The specification: what renderEmbeds answered before it was made to count and join in single passes. */
function referenceEmbeds(reply: Reply): Embed[] {
  const color = COLORS[reply.tone ?? 'info'];
  const first: Embed = { title: clip(escapeControls(reply.title), DISCORD_LIMITS.title), color };
  const embeds: Embed[] = [first];
  let current = first;
  let text = reply.intro ? discordMarkdown(reply.intro, true) : '';
  const flush = () => {
    if (text) current.description = clip(text, DISCORD_LIMITS.description);
    text = '';
  };
  for (const s of reply.sections) {
    const body = clip(sectionText(s), DISCORD_LIMITS.description);
    if (body && text.length + body.length + 2 > DISCORD_LIMITS.description) {
      flush();
      current = { color };
      embeds.push(current);
    }
    if (body) text = text ? `${text}\n\n${body}` : body;
    for (const f of s.fields ?? []) {
      current.fields ??= [];
      if (current.fields.length >= DISCORD_LIMITS.fields) {
        flush();
        current = { color, fields: [] };
        embeds.push(current);
      }
      current.fields?.push({
        name: clip(escapeDiscord(f.label), DISCORD_LIMITS.fieldName),
        value: clip(discordMarkdown(f.value) || '—', DISCORD_LIMITS.fieldValue),
        inline: discordMarkdown(f.value).length < 40,
      });
    }
  }
  flush();
  const footer = (reply.context ?? []).map((l) => discordMarkdown(l)).join('\n');
  // As first written this passed `embeds.length - DISCORD_LIMITS.embeds`, negative under ten embeds, so embeds
  // dropped for length were not counted in "and N more"; the one intended change (see the last test).
  const kept = fitTotal(
    embeds.slice(0, DISCORD_LIMITS.embeds),
    Math.max(0, embeds.length - DISCORD_LIMITS.embeds),
  );
  if (footer) (kept.at(-1) as Embed).footer = { text: clip(footer, DISCORD_LIMITS.footer) };
  return fitTotal(kept, 0);
}

function fitTotal(embeds: Embed[], alreadyDropped: number): Embed[] {
  let dropped = alreadyDropped;
  const total = () => embeds.reduce((n, e) => n + size(e), 0);
  while (embeds.length > 1 && total() > DISCORD_LIMITS.total - 40) {
    embeds.pop();
    dropped++;
  }
  const last = embeds.at(-1) as Embed;
  while (total() > DISCORD_LIMITS.total - 40 && last.fields?.length) last.fields.pop();
  if (total() > DISCORD_LIMITS.total - 40 && last.description)
    last.description = clip(
      last.description,
      Math.max(100, last.description.length - (total() - DISCORD_LIMITS.total + 60)),
    );
  if (dropped > 0)
    last.description = `${last.description ?? ''}\n… and ${dropped} more: narrow the query to see them`;
  return embeds;
}

describe('Discord embeds, against the renderer as first written', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('the made-up replies: every limit, every span, hostile text', () => {
    for (const reply of madeUp())
      expect(JSON.stringify(renderEmbeds(reply))).toBe(JSON.stringify(referenceEmbeds(reply)));
  });

  it("the real answers to the bench's commands and others", async () => {
    const texts = [
      'brief',
      'deadlines',
      'deadlines days:90',
      'events',
      'events when:past days:60',
      'event id:paris-talks-2026',
      'event id:beijing-summit-2026',
      'tariffs',
      'tariffs country:US',
      'events page:2',
      'help',
      'nonsense <@U1> & more',
    ];
    for (const text of texts) {
      const reply = await t.bot.dispatch(text, reader, { platform: 'discord', id: '1' });
      expect(JSON.stringify(renderEmbeds(reply))).toBe(JSON.stringify(referenceEmbeds(reply)));
    }
  });

  it('a reply too long for 6000 characters in fewer than ten embeds says how many it left out', () => {
    // Three sections of 3,002 characters: one embed each (two do not fit one 4,096 description), and two of them
    // already pass 5,960 (6,000 less the room kept for the note): one embed is left, and two are counted out.
    const section = (c: string): Section => ({ lines: [[c.repeat(3000)]] });
    const reply: Reply = {
      title: 'Long',
      sections: [section('a'), section('b'), section('c')],
      visibility: 'public',
    };
    const embeds = renderEmbeds(reply);
    const chars = embeds.reduce(
      (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0),
      0,
    );
    expect(chars).toBeLessThanOrEqual(6000);
    expect(embeds).toHaveLength(1);
    expect(embeds[0]?.description?.startsWith(`• ${'a'.repeat(3000)}`)).toBe(true);
    expect(embeds[0]?.description?.endsWith('\n… and 2 more: narrow the query to see them')).toBe(true);
  });
});
