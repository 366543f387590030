import { checkCount, checkText, type Issue, issue } from './discord-errors.js';
import { asArray, asObject, at } from './discord-json.js';
import { messageIssues } from './discord-limits.js';

/** Interaction callback types the emulator accepts: PONG, message, deferred, update, autocomplete, modal. */
export const CALLBACK_TYPES = [1, 4, 5, 6, 7, 8, 9] as const;

/** Autocomplete results (type 8): at most 25 choices, names 1-100 characters, string values at most 100. */
function autocompleteIssues(issues: Issue[], data: unknown): void {
  const choices = asArray(asObject(data)?.choices);
  if (!choices) {
    issues.push(issue('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required'));
    return;
  }
  checkCount(issues, 'data.choices', choices, 25);
  choices.forEach((c, n) => {
    const choice = asObject(c) ?? {};
    const where = at('data.choices', n);
    checkText(issues, at(where, 'name'), choice.name, { min: 1, max: 100, required: true });
    if (typeof choice.value === 'string') checkText(issues, at(where, 'value'), choice.value, { max: 100 });
    else if (typeof choice.value !== 'number') {
      issues.push(issue(at(where, 'value'), 'BASE_TYPE_REQUIRED', 'This field is required'));
    }
  });
}

/** A modal (type 9): custom_id 1-100, title 1-45, 1-5 components. */
function modalIssues(issues: Issue[], data: unknown): void {
  const modal = asObject(data) ?? {};
  checkText(issues, 'data.custom_id', modal.custom_id, { min: 1, max: 100, required: true });
  checkText(issues, 'data.title', modal.title, { min: 1, max: 45, required: true });
  const components = asArray(modal.components) ?? [];
  if (components.length === 0)
    issues.push(issue('data.components', 'BASE_TYPE_REQUIRED', 'This field is required'));
  checkCount(issues, 'data.components', components, 5);
}

/** Every rule an interaction callback body breaks: its type, then the rules of that type's data. */
export function callbackIssues(body: unknown): Issue[] {
  const callback = asObject(body);
  if (!callback) return [issue('', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType')];
  const type = Number(callback.type);
  if (!(CALLBACK_TYPES as readonly number[]).includes(type)) {
    return [issue('type', 'BASE_TYPE_CHOICES', `Value must be one of {${CALLBACK_TYPES.join(', ')}}.`)];
  }
  const issues: Issue[] = [];
  if (type === 4 || type === 7) issues.push(...messageIssues(callback.data, 'data'));
  if (type === 8) autocompleteIssues(issues, callback.data);
  if (type === 9) modalIssues(issues, callback.data);
  return issues;
}
