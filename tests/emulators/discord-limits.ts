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
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
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

/** A button (type 2): style 1-5; a link (5) has a url, the others a custom_id of 1-100; a label of at most 80. */
function buttonIssues(issues: Issue[], path: string, button: Record<string, unknown>): void {
  const style = Number(button.style);
  if (!Number.isInteger(style) || style < 1 || style > 5)
    issues.push(issue(at(path, 'style'), 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5}.'));
  checkText(issues, at(path, 'label'), button.label, { max: L.buttonLabel });
  if (style === 5) checkText(issues, at(path, 'url'), button.url, { min: 1, max: 512, required: true });
  else
    checkText(issues, at(path, 'custom_id'), button.custom_id, { min: 1, max: L.customId, required: true });
}

/** Message components: at most 5 action rows (type 1), each holding 1-5 buttons. */
function componentIssues(issues: Issue[], path: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const rows = asArray(value);
  if (!rows) {
    issues.push(issue(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used'));
    return;
  }
  checkCount(issues, path, rows, L.actionRows);
  rows.forEach((r, n) => {
    const row = asObject(r) ?? {};
    const where = at(path, n);
    if (row.type !== 1) {
      issues.push(issue(at(where, 'type'), 'BASE_TYPE_CHOICES', 'Value must be one of {1}.'));
      return;
    }
    const children = asArray(row.components) ?? [];
    if (children.length === 0)
      issues.push(
        issue(at(where, 'components'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.'),
      );
    checkCount(issues, at(where, 'components'), children, L.rowComponents);
    children.forEach((c, k) => {
      const child = asObject(c) ?? {};
      const place = at(where, `components.${k}`);
      if (child.type === 2) buttonIssues(issues, place, child);
      else issues.push(issue(at(place, 'type'), 'BASE_TYPE_CHOICES', 'Value must be one of {2}.'));
    });
  });
}

/** Every broken content or embed limit of a message body, each located under `prefix` (e.g. 'data'). */
export function messageIssues(body: unknown, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  if (body === undefined || body === null) return issues;
  const message = asObject(body);
  if (!message) return [issue(prefix, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')];
  checkText(issues, at(prefix, 'content'), message.content, { max: L.content });
  componentIssues(issues, at(prefix, 'components'), message.components);
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
