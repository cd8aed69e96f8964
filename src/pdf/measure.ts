import type * as fontkit from 'fontkit';
import { FONT_NAMES, type FontName } from './fonts.js';
import type { TextMeasure } from '../layout/measure.js';
import { widthCache } from './shaping.js';
import { numberRuns, type NumberRuns } from './numberRuns.js';

/** Text widths measured with the same parsed fonts the PDF embeds, cached per word and font. */
export class Measurer implements TextMeasure {
  private readonly cache = Object.fromEntries(FONT_NAMES.map((f) => [f, new Map<string, number>()])) as Record<FontName, Map<string, number>>;
  private readonly disk: Record<FontName, ReturnType<typeof widthCache>>;
  /** Numbers are composed (numberRuns.ts): not shaped, and not cached. Looked up on first use. */
  private readonly numbers: Partial<Record<FontName, NumberRuns | null>> = {};
  constructor(readonly fonts: Record<FontName, fontkit.Font>) {
    this.disk = Object.fromEntries(FONT_NAMES.map((f) => [f, widthCache(fonts[f])])) as typeof this.disk;
  }

  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontName, size: number): number {
    const numbers = this.numbers[font] !== undefined ? this.numbers[font] : (this.numbers[font] = numberRuns(this.fonts[font]));
    const composed = numbers?.width(text);
    if (composed !== undefined) return composed * size;
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
