import type { FontName } from '../themeFonts.js';

export type { FontName };

/**
 * How typesetting learns the width of text: the one thing it needs from the fonts. The PDF stage
 * implements it with the fonts it embeds (pdf/measure.ts), so what is measured is what is drawn.
 */
export interface TextMeasure {
  /** Width in points of `text` set in `font` at `size`. */
  width(text: string, font: FontName, size: number): number;
}

/** The theme font of a run's style. */
export function fontFor(bold?: boolean, italic?: boolean): FontName {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}
