import type { Rich } from './reply.js';

/** Whether a line and every span in it are frozen: nothing can change what it renders to. */
function whollyFrozen(line: Rich): boolean {
  if (!Object.isFrozen(line)) return false;
  for (const span of line) if (typeof span === 'object' && !Object.isFrozen(span)) return false;
  return true;
}

/**
 * `render` for one platform, kept per line for lines that are wholly frozen: the lines answers share (an item's
 * line at a given countdown, a measure's line; see src/commands/item-lines.ts and stack-lines.ts) are rendered
 * once per platform, not once per answer that lists them. Any other line is rendered each time. Kept by identity
 * in a WeakMap, so a line no answer holds any more is forgotten with its rendering.
 */
export function renderedOnce<T = string>(render: (line: Rich) => T): (line: Rich) => T {
  const kept = new WeakMap<Rich, T>();
  return (line) => {
    let text = kept.get(line);
    if (text !== undefined) return text;
    text = render(line);
    if (whollyFrozen(line)) kept.set(line, text);
    return text;
  };
}
