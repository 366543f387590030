import { PNG } from 'pngjs';

/** What a reader would notice of a picture: its size, how much of it is not white, how many colours it has. */
export interface PngLook {
  readonly width: number;
  readonly height: number;
  /** Share of pixels that are not (near) white. */
  readonly inked: number;
  /** Colours (rounded to 16 levels a channel) covering at least 40 pixels each. */
  readonly colours: number;
}

/** Decodes a PNG with pngjs (an independent decoder) and measures it. */
export function lookAt(bytes: Uint8Array): PngLook {
  const png = PNG.sync.read(Buffer.from(bytes));
  const counts = new Map<number, number>();
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0];
    if (r < 240 || g < 240 || b < 240) inked++;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const colours = [...counts.values()].filter((n) => n >= 40).length;
  return { width: png.width, height: png.height, inked: inked / (png.width * png.height), colours };
}
