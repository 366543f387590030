/**
 * renderEmbeds counts and joins in single passes. The renderer as it was first written (lines mapped and filtered,
 * every field's markdown made twice) is kept here as the specification of what a message says before it is fitted
 * to Discord's 6000 characters: for every reply that fits, the JSON Discord receives must be the same, byte for
 * byte. Fitting changed on purpose (session 6): a message that does not fit keeps its footer (sources, hints) on the
 * last embed kept and ends with a note counting every part left out (embeds and fields), where embeds dropped under
 * ten used to go without a word. Those are held to what a reader must get: within every limit, the footer, and the
 * right count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/domain/control-chars.js';
import { DISCORD_LIMITS, type Embed, renderEmbeds } from '../../src/platforms/discord/embeds.js';
import { discordMarkdown, escapeDiscord } from '../../src/platforms/discord/markdown.js';
import type { Reply, Section } from '../../src/render/reply.js';
import { reader, seededBot, type TestBot } from '../helpers/bot.js';
import { madeUp, REAL_ANSWERS } from '../helpers/made-up-replies.js';

/** escapeDiscord as first written: controls escaped, then markdown made inert, with a scan before each. */
const firstEscapeDiscord = (raw: string, multiline = false): string => {
  const text = escapeControls(raw, multiline);
  return /[\\*_~|>[\]#@-]/.test(text)
    ? text
        .replace(/[\\*_~|[\]]/g, '\\$&')
        .replace(/^(\s*)(>|#{1,3} |-# |- )/gm, '$1\\$2')
        .replace(/@(everyone|here)/g, '@\u200b$1')
    : text;
};

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

/** The specification: the embeds and footer renderEmbeds made before fitting them, as first written. */
function referenceUnfitted(reply: Reply): { embeds: Embed[]; footer: string } {
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
  return { embeds, footer: clip(footer, DISCORD_LIMITS.footer) };
}

const total = (embeds: readonly Embed[]) => embeds.reduce((n, e) => n + size(e), 0);

/** Whether the unfitted message already fits: at most ten embeds and 5,960 characters with its footer. */
const fits = ({ embeds, footer }: { embeds: Embed[]; footer: string }) =>
  embeds.length <= DISCORD_LIMITS.embeds && total(embeds) + footer.length <= DISCORD_LIMITS.total - 40;

/** The reference's message when it fits: the footer on the last embed. */
function withFooter({ embeds, footer }: { embeds: Embed[]; footer: string }): Embed[] {
  if (footer) (embeds.at(-1) as Embed).footer = { text: footer };
  return embeds;
}

/** What a reader must get from a message that did not fit, against the unfitted reference. */
function expectFitted(reply: Reply, shown: Embed[]): void {
  const ref = referenceUnfitted(reply);
  const label = reply.title.slice(0, 40);
  expect(shown.length, label).toBeGreaterThan(0);
  expect(shown.length, label).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  expect(total(shown), label).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  for (const e of shown) {
    expect(e.description?.length ?? 0, label).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(e.fields?.length ?? 0, label).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
  }
  // The embeds kept are the reference's first ones, in order, and the footer is on the last one kept.
  shown.forEach((e, i) => {
    expect(e.title, label).toBe(ref.embeds[i]?.title);
    if (i < shown.length - 1) expect(e, label).toEqual(ref.embeds[i]);
  });
  const last = shown.at(-1) as Embed;
  expect(last.footer?.text ?? '', label).toBe(ref.footer);
  // The note counts the embeds left out and the fields dropped from the last one kept.
  const refLast = ref.embeds[shown.length - 1] as Embed;
  const left = ref.embeds.length - shown.length + (refLast.fields?.length ?? 0) - (last.fields?.length ?? 0);
  expect(left, label).toBeGreaterThan(0);
  expect(last.description, label).toMatch(
    new RegExp(`\\n… and ${left} more parts: narrow the query to see them$`),
  );
}

describe('Discord embeds, against the renderer as first written', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it('the made-up replies: every limit, every span, hostile text', () => {
    let fitted = 0;
    for (const reply of madeUp()) {
      const ref = referenceUnfitted(reply);
      if (fits(ref)) expect(JSON.stringify(renderEmbeds(reply))).toBe(JSON.stringify(withFooter(ref)));
      else {
        expectFitted(reply, renderEmbeds(reply));
        fitted++;
      }
    }
    // Both kinds were tried: replies that fit as they are, and replies over the limits.
    expect(fitted).toBeGreaterThan(0);
    expect(fitted).toBeLessThan(madeUp().length);
  });

  it('escapes every UTF-16 code unit as first written, alone and in text, on one line or several', () => {
    const contexts = (c: string) => [c, `a${c}b`, `${c}# x`, `- ${c}\n> q`, `@here${c}@everyone`];
    let differences = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of contexts(c))
        for (const multiline of [false, true])
          if (escapeDiscord(text, multiline) !== firstEscapeDiscord(text, multiline)) differences++;
    }
    expect(differences).toBe(0);
  });

  it("the real answers to the bench's commands and others", async () => {
    for (const text of REAL_ANSWERS) {
      const reply = await t.bot.dispatch(text, reader, { platform: 'discord', id: '1' });
      const ref = referenceUnfitted(reply);
      expect(fits(ref), text).toBe(true);
      expect(JSON.stringify(renderEmbeds(reply))).toBe(JSON.stringify(withFooter(ref)));
    }
  });

  it('a reply too long for 6000 characters in fewer than ten embeds says how many it left out', () => {
    // Three sections of 3,002 characters: one embed each (two do not fit one 4,096 description), and two of them
    // already pass 5,880 (6,000 less 40 and the room kept for the note): one embed is left, two are counted out.
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
    expect(embeds[0]?.description?.endsWith('\n… and 2 more parts: narrow the query to see them')).toBe(true);
  });

  it('a reply cut for length keeps its sources footer, and counts every part it left out', () => {
    // Four sections of 2,102 characters (one embed each: two do not fit one 4,096 description) and a footer of
    // 1,900: 10,312 characters. Worked out by hand: three embeds are left out (4 + 2,102 + 1,900 = 4,006 fits 5,880;
    // two embeds would be 6,108), the footer moves to the one kept.
    const section = (c: string): Section => ({ lines: [[c.repeat(2100)]] });
    const reply: Reply = {
      title: 'Long',
      sections: ['a', 'b', 'c', 'd'].map(section),
      context: [['s'.repeat(1900)]],
      visibility: 'public',
    };
    const embeds = renderEmbeds(reply);
    expect(embeds).toHaveLength(1);
    expect(embeds[0]?.footer?.text).toBe('s'.repeat(1900));
    expect(embeds[0]?.description).toBe(
      `• ${'a'.repeat(2100)}\n… and 3 more parts: narrow the query to see them`,
    );
    // Fields dropped from the last embed are counted too: 25 fields of 250 characters are 6,250 with their names.
    const fields: Reply = {
      title: 'Fields',
      sections: [
        { fields: Array.from({ length: 25 }, (_, i) => ({ label: `f${i}`, value: ['v'.repeat(247)] })) },
      ],
      visibility: 'public',
    };
    const [only] = renderEmbeds(fields);
    const shown = only?.fields?.length ?? 0;
    // Each field is its name (2-3 characters) and 247; 5,880 less the title's 6 leaves room for 23.
    expect(shown).toBe(23);
    expect(only?.description).toBe(`\n… and ${25 - shown} more parts: narrow the query to see them`);
  });
});
