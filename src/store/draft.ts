import type { StoreData } from './schema.js';

/** A shallow copy of the state whose top-level arrays (and plain objects) are fresh shallow copies. */
export function draftOf(state: StoreData): StoreData {
  const draft: Record<string, unknown> = { ...state };
  for (const [key, value] of Object.entries(draft)) {
    if (Array.isArray(value)) draft[key] = value.slice();
    else if (typeof value === 'object' && value !== null) draft[key] = { ...value };
  }
  return draft as StoreData;
}

export const isThenable = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
