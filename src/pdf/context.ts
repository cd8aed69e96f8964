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

/** An unbreakable vertical piece of the flow: a line, a table row, a heading band. */
export interface Box {
  height: number;
  /** Space above the box, dropped at the top of a page. */
  before: number;
  draw(ctx: DrawContext, y: number, repeat?: boolean): void;
  /** Never end a page after this box (headings). */
  keepWithNext?: boolean;
  /** Boxes with the same id stay on one page when together they fit on one. */
  keepId?: number;
  /** Lines of one paragraph: at least two lines on each side of a page break. */
  lines?: { id: number; index: number; count: number };
  /** Table body rows: header rows to repeat after a page break. */
  header?: Box[];
  /** Splits a box taller than a page into what fits in `avail` and the rest. */
  split?(ctx: DrawContext, avail: number): [Box, Box] | undefined;
}
