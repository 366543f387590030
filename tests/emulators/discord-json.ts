/** A parsed JSON object, as Discord bodies arrive. */
export type JsonObject = Record<string, unknown>;

/** `value` as a JSON object, or undefined when it is not a plain object. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** `value` as an array, or undefined when it is not one. */
export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Length as Discord counts it: Unicode code points (its API is Python 3; discord-api-docs#1315). */
export function chars(text: string): number {
  if (!SURROGATE.test(text)) return text.length; // every UTF-16 unit is a code point
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Joins a form-error path: `at('embeds.0', 'title')` is `embeds.0.title`. */
export function at(prefix: string, key: string | number): string {
  return prefix === '' ? String(key) : `${prefix}.${key}`;
}
