import type * as fontkit from 'fontkit';
import type { FontName } from './fonts.js';
import { widthCache } from './shaping.js';

/** Text widths measured with the same parsed fonts the PDF embeds, cached per word. */
export class Measurer {
  private readonly cache = new Map<string, number>();
  private readonly disk: Record<FontName, ReturnType<typeof widthCache>>;
  constructor(readonly fonts: Record<FontName, fontkit.Font>) {
    this.disk = { regular: widthCache(fonts.regular), bold: widthCache(fonts.bold), italic: widthCache(fonts.italic), boldItalic: widthCache(fonts.boldItalic) };
  }

  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontName, size: number): number {
    const key = `${font}\u0000${text}`;
    let em = this.cache.get(key);
    if (em === undefined) {
      em = this.disk[font].get(text)?.[0];
      if (em === undefined) {
        const f = this.fonts[font];
        em = f.layout(text).advanceWidth / f.unitsPerEm;
        this.disk[font].set(text, [em]);
      }
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(key, em);
    }
    return em * size;
  }
}
