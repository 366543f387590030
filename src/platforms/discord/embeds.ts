import { escapeControls } from '../../domain/control-chars.js';
import type { Reply, Section } from '../../render/reply.js';
import { discordMarkdown, escapeDiscord } from './markdown.js';

/** Discord's documented limits for one message. */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  embeds: 10,
};

export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

const COLORS = { info: 0x1d3557, error: 0xd62828, warning: 0xf77f00 };
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
function size(e: Embed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  if (e.fields) for (const f of e.fields) n += f.name.length + f.value.length;
  return n;
}

/** The characters of all `embeds`, as Discord counts them against its 6000. */
function total(embeds: readonly Embed[]): number {
  let n = 0;
  for (const e of embeds) n += size(e);
  return n;
}

/** A section's text (heading and bullet lines) as markdown. */
function sectionText(s: Section): string {
  const parts: string[] = s.heading ? [`**${escapeDiscord(s.heading)}**`] : [];
  if (s.lines) for (const l of s.lines) parts.push(`• ${discordMarkdown(l)}`);
  if (s.more) parts.push(`… and ${s.more} more`);
  return parts.join('\n');
}

/**
 * A reply as embeds, always within Discord's limits (4096 per description, 25 fields, 6000 characters
 * in all, 10 embeds): text flows into further embeds, and whatever still does not fit becomes "and N more".
 */
export function renderEmbeds(reply: Reply): Embed[] {
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
      const value = discordMarkdown(f.value);
      current.fields?.push({
        name: clip(escapeDiscord(f.label), DISCORD_LIMITS.fieldName),
        value: clip(value || '—', DISCORD_LIMITS.fieldValue),
        inline: value.length < 40,
      });
    }
  }
  flush();
  const footer = reply.context ? reply.context.map((l) => discordMarkdown(l)).join('\n') : '';
  const over = embeds.length - DISCORD_LIMITS.embeds;
  const kept = over > 0 ? embeds.slice(0, DISCORD_LIMITS.embeds) : embeds;
  if (footer) (kept.at(-1) as Embed).footer = { text: clip(footer, DISCORD_LIMITS.footer) };
  return fitTotal(kept, Math.max(0, over));
}

/** What every message keeps below Discord's 6000 characters in all. */
const BUDGET = DISCORD_LIMITS.total - 40;
/** Room kept for the note that says how much was left out. */
const NOTE_ROOM = 80;
const leftOutNote = (parts: number) => `\n… and ${parts} more parts: narrow the query to see them`;

/**
 * Fits a message within Discord's 6000 characters: drops trailing embeds, then the last one's fields, then trims its
 * description, leaving room for a note that counts the parts (embeds and fields) left out, `alreadyDropped` included.
 * The footer (sources, hints) moves to the last embed kept. Most messages fit as they are: one count says so.
 */
function fitTotal(embeds: Embed[], alreadyDropped: number): Embed[] {
  if (alreadyDropped === 0 && total(embeds) <= BUDGET) return embeds;
  const budget = BUDGET - NOTE_ROOM;
  let dropped = alreadyDropped;
  while (embeds.length > 1 && total(embeds) > budget) {
    const gone = embeds.pop() as Embed;
    dropped++;
    if (gone.footer) (embeds.at(-1) as Embed).footer = gone.footer;
  }
  const last = embeds.at(-1) as Embed;
  while (total(embeds) > budget && last.fields?.length) {
    last.fields.pop();
    dropped++;
  }
  if (total(embeds) > budget && last.description)
    last.description = clip(
      last.description,
      Math.max(100, last.description.length - (total(embeds) - budget)),
    );
  if (dropped > 0) {
    const note = leftOutNote(dropped);
    last.description = `${clip(last.description ?? '', DISCORD_LIMITS.description - note.length)}${note}`;
  }
  return embeds;
}
