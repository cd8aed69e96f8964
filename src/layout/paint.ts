import type { Line } from './lines.js';
import type { FontName } from './measure.js';
import type { Theme } from './templates.js';

export interface TagOptions {
  alt?: string;
  /** Layout bounding box [left, top, right, bottom], top-down page coordinates. */
  bbox?: [number, number, number, number];
  scope?: 'Row' | 'Column';
  colSpan?: number;
}

/**
 * An element of the document's structure (P, Table, TD, Figure...): what a screen reader reads.
 * Typesetting builds the tree; the drawing stage creates each element when content is first drawn
 * in it, so elements enter the document in drawing order, which is reading order. A tag without a
 * parent is the document's root.
 */
export class Tag {
  constructor(
    readonly type: string,
    readonly parent?: Tag,
    readonly options: TagOptions = {},
  ) {}
}

/** Content outside the structure tree: decoration (bands, rules) or pagination (repeated headers, footers). */
export type ArtifactKind = 'Layout' | 'Pagination';

/** A line of text as it is drawn: its font size and colour. */
export interface Ink {
  size: number;
  color: string;
}

/**
 * What boxes draw with: the few operations a ficha's page is made of. The PDF stage implements it
 * with PDFKit (pdf/painter.ts); typesetting never sees the document.
 */
export interface Painter {
  /** Draws `fn`'s content as marked content of `tag`. */
  tagged(tag: Tag, fn: () => void): void;
  /** Creates `tag`'s element with no content (an empty table cell keeps the grid regular). */
  touch(tag: Tag): void;
  artifact(kind: ArtifactKind, fn: () => void): void;
  /** A broken line's segments, the line's left at `x` and the font's box top at `top`. */
  line(line: Line, x: number, top: number, ink: Ink): void;
  /** One unbroken string in `font`, from `x` in a box of `width` (centred in it with `center`). */
  text(text: string, x: number, top: number, font: FontName, ink: Ink, width: number, center?: boolean): void;
  fillRect(x: number, y: number, width: number, height: number, color: string): void;
  /** Outlines of rectangles, with one line width and colour. */
  strokeRects(rects: readonly [number, number, number, number][], lineWidth: number, color: string): void;
  /** A horizontal rule from `x1` to `x2` at `y`. */
  rule(x1: number, x2: number, y: number, lineWidth: number, color: string): void;
  /** A bookmark: level 2 opens a section, level 3 goes under the last section. */
  bookmark(title: string, level: 2 | 3): void;
  /** A link to the file `target` (beside the document) over a box, belonging to the Link element `tag`. */
  link(x: number, y: number, width: number, height: number, target: string, tag: Tag): void;
  /** The chart laid out for `name` at `width`, its top-left corner at (x, y). */
  chart(name: string, width: number, x: number, y: number): void;
}

/** Where boxes draw: the painter and the column they are in. */
export interface Frame {
  painter: Painter;
  theme: Theme;
  /** Left edge and width of the column. */
  left: number;
  width: number;
}

/** Whether a chart was laid out (it has data) for `name` at `width`. */
export type ChartsLaidOut = (name: string, width: number) => boolean;
