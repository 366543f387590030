import { asObject, chars, type JsonObject } from './discord-json.js';

/** One broken rule, located like Discord's form errors: a dotted path, Discord's error code and its message. */
export interface Issue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Builds an issue. */
export function issue(path: string, code: string, message: string): Issue {
  return { path, code, message };
}

/** An issue as discord.js prints it: `embeds.0.title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.` */
export function describeIssue(found: Issue): string {
  return `${found.path}[${found.code}]: ${found.message}`;
}

/** Discord's plain error body, `{ message, code }`. */
export function apiError(code: number, message: string): JsonObject {
  return { message, code };
}

/** Discord's 400 body for an invalid form (code 50035), with `errors` nested by path down to `_errors`. */
export function invalidFormBody(issues: readonly Issue[]): JsonObject {
  const errors: JsonObject = {};
  for (const found of issues) {
    let node = errors;
    for (const key of found.path === '' ? [] : found.path.split('.')) {
      const next = asObject(node[key]) ?? {};
      node[key] = next;
      node = next;
    }
    const list = Array.isArray(node._errors) ? node._errors : [];
    list.push({ code: found.code, message: found.message });
    node._errors = list;
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}

/** Checks an optional-or-required text field of `min`..`max` code points, adding Discord's issue if broken. */
export function checkText(
  issues: Issue[],
  path: string,
  value: unknown,
  limits: { readonly min?: number; readonly max: number; readonly required?: boolean },
): number {
  const min = limits.min ?? 0;
  if (value === undefined || value === null) {
    if (limits.required) issues.push(issue(path, 'BASE_TYPE_REQUIRED', 'This field is required'));
    return 0;
  }
  if (typeof value !== 'string') {
    issues.push(issue(path, 'STRING_TYPE_CONVERT', `Could not interpret "${String(value)}" as string.`));
    return 0;
  }
  const n = chars(value);
  if (n === 0 && min > 0) issues.push(issue(path, 'BASE_TYPE_REQUIRED', 'This field is required'));
  else if (n < min || n > limits.max) {
    issues.push(
      min > 0
        ? issue(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${limits.max} in length.`)
        : issue(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limits.max} or fewer in length.`),
    );
  }
  return n;
}

/** Checks that a list holds at most `max` items. */
export function checkCount(issues: Issue[], path: string, list: readonly unknown[], max: number): void {
  if (list.length > max)
    issues.push(issue(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`));
}
