import { checkCount, checkText, type Issue, issue } from './discord-errors.js';
import { asArray, asObject, at, type JsonObject } from './discord-json.js';
import { choiceIssues, rangeIssues } from './discord-option-values.js';

/** Where an option list sits: on the command, in a sub-command group, or in a sub-command. */
export type OptionLevel = 'command' | 'group' | 'subcommand';

const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Checks a chat-input command or option name: Discord's regex, and lowercase where a case exists. */
export function nameIssues(issues: Issue[], path: string, name: unknown): void {
  if (typeof name !== 'string') issues.push(issue(path, 'BASE_TYPE_REQUIRED', 'This field is required'));
  else if (!NAME.test(name))
    issues.push(issue(path, 'STRING_TYPE_REGEX', 'String value did not match validation regex.'));
  else if (name !== name.toLowerCase()) {
    issues.push(issue(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid'));
  }
}

const isSub = (o: unknown): boolean => [SUB_COMMAND, SUB_COMMAND_GROUP].includes(Number(asObject(o)?.type));

/** Checks one level of options: at most 25, unique names, required first, sub-commands where allowed. */
export function optionsIssues(issues: Issue[], path: string, value: unknown, level: OptionLevel): void {
  if (value === undefined || value === null) return;
  const list = asArray(value);
  if (!list) {
    issues.push(issue(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used'));
    return;
  }
  checkCount(issues, path, list, 25);
  const subs = list.filter(isSub).length;
  if (subs > 0 && subs < list.length) {
    issues.push(
      issue(
        path,
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-commands and groups cannot be mixed with options',
      ),
    );
  }
  const names = new Set<string>();
  let optionalSeen = false;
  for (const [n, item] of list.entries()) {
    const where = at(path, n);
    const option = asObject(item);
    if (!option) {
      issues.push(issue(where, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used'));
      continue;
    }
    const name = String(option.name);
    if (names.has(name)) {
      issues.push(
        issue(at(where, 'name'), 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Duplicate name'),
      );
    }
    names.add(name);
    if (option.required === true && optionalSeen) {
      issues.push(
        issue(
          at(where, 'required'),
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        ),
      );
    }
    if (option.required !== true) optionalSeen = true;
    optionIssues(issues, where, option, level);
  }
}

/** Checks one option: type, name, description, nesting, choices and ranges. */
function optionIssues(issues: Issue[], path: string, option: JsonObject, level: OptionLevel): void {
  const type = Number(option.type);
  if (!Number.isInteger(type) || type < 1 || type > 11) {
    issues.push(issue(at(path, 'type'), 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, ..., 11).'));
  }
  nameIssues(issues, at(path, 'name'), option.name);
  checkText(issues, at(path, 'description'), option.description, { min: 1, max: 100, required: true });
  const allowed =
    level === 'command' ||
    (level === 'group' ? type === SUB_COMMAND : type !== SUB_COMMAND && type !== SUB_COMMAND_GROUP);
  if (!allowed) {
    issues.push(
      issue(
        at(path, 'type'),
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        `Option type ${type} not allowed here`,
      ),
    );
  }
  if (type === SUB_COMMAND || type === SUB_COMMAND_GROUP) {
    optionsIssues(issues, at(path, 'options'), option.options, type === SUB_COMMAND ? 'subcommand' : 'group');
    return;
  }
  if (option.options !== undefined) {
    issues.push(
      issue(
        at(path, 'options'),
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Only sub-commands hold options',
      ),
    );
  }
  choiceIssues(issues, path, option, type);
  rangeIssues(issues, path, option, type);
}
