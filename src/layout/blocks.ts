/** The layout tree: what the PDF layer draws. It knows nothing about programs or budgets. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Align = 'left' | 'right' | 'center';

/** `line`: a body line with no space above (lists of short lines). */
export type ParagraphStyle = 'body' | 'line' | 'note' | 'kicker' | 'title' | 'subtitle' | 'label';

export interface Paragraph {
  kind: 'paragraph';
  style: ParagraphStyle;
  runs: Run[];
  align?: Align;
  /** Structure tag; H1 for the title, P otherwise. */
  tag?: 'P' | 'H1' | 'Caption';
  /** The whole paragraph links to this file (a PDF beside the document): a Link element. */
  link?: string;
}

export interface Heading {
  kind: 'heading';
  level: 2 | 3;
  text: string;
}

export interface List {
  kind: 'list';
  items: Run[][];
}

export interface Cell {
  blocks: (Paragraph | List)[];
  colspan: number;
  align: Align;
  header: boolean;
}

export interface Row {
  cells: Cell[];
  style?: 'total' | 'subheader';
}

export interface Table {
  kind: 'table';
  /** Relative column widths. */
  widths: number[];
  header: Row[];
  body: Row[];
  /** Short description for screen readers (the table's Summary). */
  summary?: string;
}

export interface Keep {
  kind: 'keep';
  blocks: Block[];
}

export interface Spacer {
  kind: 'spacer';
  height: number;
}

export interface Chart {
  kind: 'chart';
  name: string;
  alt: string;
  /** One line above the chart saying what it shows (the Figure's Caption). */
  caption: string;
  height: number;
}

/** Blocks side by side (a table and its chart); the row is never split across pages. */
export interface Columns {
  kind: 'columns';
  widths: number[];
  columns: Block[][];
}

export type Block = Paragraph | Heading | List | Table | Keep | Spacer | Chart | Columns;

export interface LayoutDoc {
  title: string;
  footer: string;
  blocks: Block[];
}
