import { readFileSync } from 'node:fs';

/**
 * Advance widths of the shipped font, read from its `cmap` (format 4, Unicode BMP) and `hmtx` tables, so the chart
 * library lays out labels, legends and axis ticks with the widths resvg will draw (its built-in estimate is for
 * Arial, narrower than DejaVu Sans, and legend entries then overlap). No font library is installed; these two
 * tables are all the layout needs.
 */
export interface FontMetrics {
  /** Width of `text` in pixels at `sizePx`. */
  width(text: string, sizePx: number): number;
}

export function readFontMetrics(file: string): FontMetrics {
  const buf = readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const at = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`the font ${file} has no ${tag} table`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(at('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(at('hhea') + 34);
  const hmtx = at('hmtx');
  const advance = (glyph: number): number =>
    buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  const cmap = at('cmap');
  let sub = -1;
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const off = cmap + buf.readUInt32BE(rec + 4);
    if (((platform === 3 && encoding === 1) || platform === 0) && buf.readUInt16BE(off) === 4) sub = off;
  }
  if (sub < 0) throw new Error(`the font ${file} has no Unicode cmap`);
  const segCount = buf.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const ranges = deltas + 2 * segCount;
  const glyphOf = (cp: number): number => {
    for (let s = 0; s < segCount; s++) {
      if (cp > buf.readUInt16BE(ends + 2 * s)) continue;
      const start = buf.readUInt16BE(starts + 2 * s);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + 2 * s);
      const range = buf.readUInt16BE(ranges + 2 * s);
      if (range === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + 2 * s + range + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const widths = new Map<number, number>();
  const em = (cp: number): number => {
    let w = widths.get(cp);
    if (w === undefined) {
      w = advance(cp > 0xffff ? 0 : glyphOf(cp)) / unitsPerEm;
      widths.set(cp, w);
    }
    return w;
  };
  return {
    width(text, sizePx) {
      let total = 0;
      for (const ch of text) total += em(ch.codePointAt(0) ?? 0);
      return total * sizePx;
    },
  };
}
