/**
 * An unbreakable vertical piece of the flow: a line, a table row, a heading band. Typesetting
 * decides where it goes (paginate.ts); `draw` puts it on the page through a context `C`: for a
 * ficha, a Frame (paint.ts), whose painter the drawing stage implements.
 */
export interface Box<C> {
  height: number;
  /** Space above the box, dropped at the top of a page. */
  before: number;
  draw(ctx: C, y: number, repeat?: boolean): void;
  /** Never end a page after this box (headings). */
  keepWithNext?: boolean;
  /** Boxes with the same id stay on one page when together they fit on one. */
  keepId?: number;
  /** Lines of one paragraph: at least two lines on each side of a page break. */
  lines?: { id: number; index: number; count: number };
  /** Table body rows: header rows to repeat after a page break. */
  header?: Box<C>[];
  /** Splits a box taller than a page into what fits in `avail` and the rest. */
  split?(ctx: C, avail: number): [Box<C>, Box<C>] | undefined;
  /**
   * A box that may also start at a page's bottom and continue on the next (a long table beside
   * its charts): the least height of its first piece. Without it, a box that does not fit moves
   * whole to the next page.
   */
  minHeight?: number;
}
