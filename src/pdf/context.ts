import type { Box as LayoutBox } from '../layout/boxes.js';
import type { Theme } from '../layout/templates.js';
import type { FontName } from './fonts.js';
import type { Measurer } from './measure.js';
import type { Doc, Slot } from './struct.js';

/** What every box needs to draw itself. */
export interface DrawContext {
  doc: Doc;
  theme: Theme;
  measurer: Measurer;
  /** Left edge and width of the text column. */
  left: number;
  width: number;
  /** PDFKit font names registered for the theme's fonts. */
  fontIds: Record<FontName, string>;
  /** The document's root structure element. */
  root: Slot;
  /** Outline: the current section's item, for sub-headings. */
  outline: { section?: { addItem(title: string): unknown } };
}

/** A box of the flow, drawn with this stage's context (layout/boxes.ts). */
export type Box = LayoutBox<DrawContext>;
