import { decode } from 'html-entities';
import { cleanOrNull } from './sanitize.js';

// Apart from sanitize.ts so that cleaning a line of text (answers, proposals) does not load html-entities.
/** A feed's HTML snippet as plain text: tags dropped, entities decoded, then cleaned. */
export function htmlToText(html: string | null | undefined, max = 1000): string | null {
  if (html == null) return null;
  const noTags = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return cleanOrNull(decode(noTags), max);
}
