import { checkCount, checkText, type Issue, issue } from './discord-errors.js';
import { asArray, asObject, at, type JsonObject } from './discord-json.js';

const STRING = 3;
const INTEGER = 4;
const NUMBER = 10;

/** At most 25 choices, names of 1-100 characters, values of the option's type; not with autocomplete. */
export function choiceIssues(issues: Issue[], path: string, option: JsonObject, type: number): void {
  if (option.choices === undefined || option.choices === null) return;
  const choices = asArray(option.choices) ?? [];
  if (![STRING, INTEGER, NUMBER].includes(type)) {
    issues.push(
      issue(at(path, 'choices'), 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Choices not allowed'),
    );
  }
  if (option.autocomplete === true && choices.length > 0) {
    issues.push(
      issue(at(path, 'autocomplete'), 'AUTOCOMPLETE_CHOICES', 'Autocomplete cannot be set with choices'),
    );
  }
  checkCount(issues, at(path, 'choices'), choices, 25);
  choices.forEach((c, n) => {
    const choice = asObject(c) ?? {};
    const where = at(at(path, 'choices'), n);
    checkText(issues, at(where, 'name'), choice.name, { min: 1, max: 100, required: true });
    const value = choice.value;
    if (type === STRING) checkText(issues, at(where, 'value'), value, { max: 100, required: true });
    else if (type === INTEGER ? !Number.isSafeInteger(value) : typeof value !== 'number') {
      issues.push(
        issue(at(where, 'value'), 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not a valid number.`),
      );
    }
  });
}

/** min_value/max_value numeric (integers for INTEGER) and ordered; min_length/max_length within 0-6000. */
export function rangeIssues(issues: Issue[], path: string, option: JsonObject, type: number): void {
  for (const key of ['min_value', 'max_value']) {
    const value = option[key];
    if (value === undefined) continue;
    const ok =
      type === INTEGER ? Number.isSafeInteger(value) : typeof value === 'number' && Number.isFinite(value);
    if (!ok || (type !== INTEGER && type !== NUMBER)) {
      issues.push(issue(at(path, key), 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`));
    }
  }
  const { min_value: min, max_value: max } = option;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    issues.push(
      issue(at(path, 'max_value'), 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`),
    );
  }
  for (const key of ['min_length', 'max_length']) {
    const value = option[key];
    if (value === undefined) continue;
    const lowest = key === 'min_length' ? 0 : 1;
    if (type !== STRING || !Number.isInteger(value) || Number(value) < lowest || Number(value) > 6000) {
      issues.push(issue(at(path, key), 'NUMBER_TYPE_MAX', `Must be an integer from ${lowest} to 6000.`));
    }
  }
}
