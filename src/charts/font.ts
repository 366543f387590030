import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one font every chart is drawn with, shipped in the project (assets/fonts), so every machine draws alike. */
export const FONT_FAMILY = 'DejaVu Sans';
const FONT_PATH = join('assets', 'fonts', 'DejaVuSans.ttf');

let found: string | undefined;

/**
 * The shipped font file, looked for from this module upwards: src/charts/ under tsx, dist/src/charts/ when
 * compiled, /app/dist/src/charts/ in the image. Throws, naming the file, when it is missing.
 */
export function fontFile(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, FONT_PATH);
    if (existsSync(candidate)) {
      found = candidate;
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error(`the chart font ${FONT_PATH} is missing from the installation; charts cannot be drawn`);
}
