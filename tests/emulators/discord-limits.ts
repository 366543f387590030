import { checkCount, checkText, describeIssue, type Issue, issue } from './discord-errors.js';
import { asArray, asObject, at } from './discord-json.js';

/** Discord's documented message and embed limits (characters are Unicode code points). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
} as const;

const L = DISCORD_LIMITS;

/** Counts one embed's characters toward the 6000 total while checking each of its limits. */
function embedIssues(issues: Issue[], path: string, value: unknown): number {
  const embed = asObject(value);
  if (!embed) {
    issues.push(issue(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'));
    return 0;
  }
  let total = checkText(issues, at(path, 'title'), embed.title, { max: L.title });
  total += checkText(issues, at(path, 'description'), embed.description, { max: L.description });
  const footer = asObject(embed.footer);
  if (footer)
    total += checkText(issues, at(path, 'footer.text'), footer.text, { max: L.footerText, required: true });
  const author = asObject(embed.author);
  if (author)
    total += checkText(issues, at(path, 'author.name'), author.name, { max: L.authorName, required: true });
  const fields = asArray(embed.fields) ?? [];
  checkCount(issues, at(path, 'fields'), fields, L.fields);
  fields.forEach((f, n) => {
    const field = asObject(f) ?? {};
    const where = at(path, `fields.${n}`);
    total += checkText(issues, at(where, 'name'), field.name, { min: 1, max: L.fieldName, required: true });
    total += checkText(issues, at(where, 'value'), field.value, {
      min: 1,
      max: L.fieldValue,
      required: true,
    });
  });
  return total;
}

/** Every broken content or embed limit of a message body, each located under `prefix` (e.g. 'data'). */
export function messageIssues(body: unknown, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  if (body === undefined || body === null) return issues;
  const message = asObject(body);
  if (!message) return [issue(prefix, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')];
  checkText(issues, at(prefix, 'content'), message.content, { max: L.content });
  if (message.embeds === undefined || message.embeds === null) return issues;
  const embeds = asArray(message.embeds);
  if (!embeds)
    return [...issues, issue(at(prefix, 'embeds'), 'LIST_TYPE_CONVERT', 'Only iterables may be used')];
  checkCount(issues, at(prefix, 'embeds'), embeds, L.embeds);
  let total = 0;
  embeds.forEach((embed, n) => {
    total += embedIssues(issues, at(prefix, `embeds.${n}`), embed);
  });
  if (total > L.embedTotal) {
    issues.push(
      issue(at(prefix, 'embeds'), 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000'),
    );
  }
  return issues;
}

/** A channel message's `nonce`: an integer or a string of at most 25 characters. */
export function nonceIssues(nonce: unknown): Issue[] {
  if (nonce === undefined || nonce === null || Number.isInteger(nonce)) return [];
  const issues: Issue[] = [];
  checkText(issues, 'nonce', nonce, { max: L.nonce });
  return issues;
}

/** True when a new message would show nothing; Discord refuses it with code 50006. */
export function isEmptyMessage(body: unknown): boolean {
  const message = asObject(body) ?? {};
  const shows = (key: string): boolean => {
    const value = message[key];
    if (typeof value === 'string') return value.trim() !== '';
    if (Array.isArray(value)) return value.length > 0;
    return value !== undefined && value !== null;
  };
  return !['content', 'embeds', 'components', 'sticker_ids', 'attachments', 'files', 'poll'].some(shows);
}

/** What Discord would refuse in a message body (limits; for 'create', also an empty message). Pure. */
export function discordMessageProblems(body: unknown, kind: 'create' | 'edit' = 'create'): string[] {
  const problems = messageIssues(body).map(describeIssue);
  if (kind === 'create' && isEmptyMessage(body)) problems.push('Cannot send an empty message (code 50006)');
  return problems;
}
