import type * as fontkit from 'fontkit';
import { FONT_NAMES, type FontName } from './fonts.js';
import { widthCache } from './shaping.js';

/** Text widths measured with the same parsed fonts the PDF embeds, cached per word and font. */
export class Measurer {
  private readonly cache = Object.fromEntries(FONT_NAMES.map((f) => [f, new Map<string, number>()])) as Record<FontName, Map<string, number>>;
  private readonly disk: Record<FontName, ReturnType<typeof widthCache>>;
  constructor(readonly fonts: Record<FontName, fontkit.Font>) {
    this.disk = Object.fromEntries(FONT_NAMES.map((f) => [f, widthCache(fonts[f])])) as typeof this.disk;
  }

  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontName, size: number): number {
    const cache = this.cache[font];
    let em = cache.get(text);
    if (em === undefined) {
      em = this.disk[font].get(text)?.[0];
      if (em === undefined) {
        const f = this.fonts[font];
        em = f.layout(text).advanceWidth / f.unitsPerEm;
        this.disk[font].set(text, [em]);
      }
      if (cache.size > 25_000) cache.clear();
      cache.set(text, em);
    }
    return em * size;
  }
}
