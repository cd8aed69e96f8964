import type * as fontkit from 'fontkit';
import type { FontName } from './fonts.js';

/** Text widths measured with the same parsed fonts the PDF embeds, cached per word. */
export class Measurer {
  private readonly cache = new Map<string, number>();
  constructor(readonly fonts: Record<FontName, fontkit.Font>) {}

  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontName, size: number): number {
    const key = `${font}\u0000${text}`;
    let em = this.cache.get(key);
    if (em === undefined) {
      const f = this.fonts[font];
      em = f.layout(text).advanceWidth / f.unitsPerEm;
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(key, em);
    }
    return em * size;
  }
}
