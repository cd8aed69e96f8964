import type { Cell, Row, Table } from './blocks.js';
import type { Theme } from './templates.js';
import type { Box as AnyBox } from './boxes.js';
import type { TextMeasure } from './measure.js';
import { cellParagraphLines, listLines, type CellLine, type TextStyle } from './paragraphBoxes.js';
import { Tag, type Frame } from './paint.js';

type Box = AnyBox<Frame>;

interface LaidCell {
  x: number;
  width: number;
  lines: CellLine[];
  fill?: string;
  /** A row's label cell continued on the next page: its text and «(continuación)», as pagination (made on demand). */
  continued?: () => CellLine[];
}

/** Rows taller than this may start at a page's bottom, showing at least MIN_LINES of each cell. */
const SPLITTABLE_ROW = 100;
const MIN_LINES = 4;

/**
 * A table as one box per row: header rows keep with the first body row and are repeated (as
 * pagination artifacts) after a page break; a row taller than a page splits between lines.
 */
export function tableBoxes(t: Table, theme: Theme, m: TextMeasure, width: number, root: Tag): Box[] {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const colX: number[] = [0];
  for (const w of t.widths) colX.push(colX[colX.length - 1]! + (w / total) * width);
  const pad = theme.spacing.cellPadding!;
  const tableTag = new Tag('Table', root, { alt: t.summary });
  const head = new Tag('THead', tableTag);
  const bodyTag = new Tag('TBody', tableTag);

  const scale = fitScale(t, colX, pad, theme.sizes.table!, m);
  const style = (cell: Cell, row: Row, isHeader: boolean): TextStyle => ({
    size: theme.sizes.table! * scale,
    leading: theme.sizes.tableLeading! * scale,
    color: theme.colors.text!,
    bold: isHeader || cell.header || row.style === 'total',
    align: cell.align,
    before: 0,
  });

  const layRow = (row: Row, isHeader: boolean, group: Tag): { cells: LaidCell[]; height: number; tag: Tag } => {
    const tr = new Tag('TR', group);
    let col = 0;
    const cells = row.cells.map((cell): LaidCell => {
      const x = colX[col]!;
      const w = colX[col + cell.colspan]! - x;
      col += cell.colspan;
      const tag = isHeader || cell.header ? 'TH' : 'TD';
      const cellTag = new Tag(tag, tr, { scope: tag === 'TH' ? (isHeader ? 'Column' : 'Row') : undefined, colSpan: cell.colspan });
      const st = style(cell, row, isHeader);
      const inner = w - 2 * pad;
      const lines: CellLine[] = [];
      cell.blocks.forEach((b, i) => {
        if (i > 0) lines.push({ height: 3, draw: () => {} });
        if (b.kind === 'paragraph') lines.push(...cellParagraphLines(b, st, m, inner, cellTag));
        else lines.push(...listLines(b, { ...st, bold: false }, m, inner, cellTag, theme.spacing.bulletIndent! - 2));
      });
      // An empty cell still gets its element, so screen readers see a regular grid.
      if (lines.length === 0) lines.push({ height: 0, draw: (f, _x, _y, _w, tagged) => tagged && f.painter.touch(cellTag) });
      const fill = isHeader ? theme.colors.tableHeader : row.style === 'total' ? theme.colors.tableTotal : undefined;
      const label = !isHeader && cell.header && cell.blocks[0]?.kind === 'paragraph' ? cell.blocks[0] : undefined;
      const continued = label && (() => continuation(cellParagraphLines({ ...label, runs: [...label.runs, { text: ' (continuación)' }] }, st, m, inner, cellTag)));
      return { x, width: w, lines, fill, ...(continued ? { continued } : {}) };
    });
    const height = Math.max(...cells.map((c) => c.lines.reduce((s, l) => s + l.height, 0))) + 2 * pad;
    return { cells, height, tag: tr };
  };

  const rowBox = (cells: LaidCell[], height: number, before: number): Box => ({
    height,
    before,
    draw: (f, y, repeat) => drawRow(f, theme, cells, y, height, pad, repeat),
    split: (_f, avail) => splitRow(cells, avail, pad, before, (c, h, b) => rowBox(c, h, b)),
    // A tall row (a dimension of section II) may start at a page's bottom and go on, labelled, on the next.
    ...(height > SPLITTABLE_ROW ? { minHeight: Math.max(...cells.map((c) => c.lines.slice(0, MIN_LINES).reduce((s, l) => s + l.height, 0))) + 2 * pad } : {}),
  });

  const laidHeader = t.header.map((r) => layRow(r, true, head));
  const header: Box[] = laidHeader.map((l, i) => ({ ...rowBox(l.cells, l.height, i === 0 ? theme.spacing.blockAfter! : 0), keepWithNext: true }));
  const body: Box[] = t.body.map((r, i) => {
    const l = layRow(r, false, bodyTag);
    // Total rows stay with the row above them: a TOTAL alone after a page break reads as an orphan.
    // A subheader row (a group's title) stays with the first row of its group.
    const keepWithNext = t.body[i + 1]?.style === 'total' || r.style === 'subheader';
    return { ...rowBox(l.cells, l.height, i === 0 && header.length === 0 ? theme.spacing.blockAfter! : 0), header, keepWithNext };
  });
  return [...header, ...body];
}

const NUMBER = /^[-+]?[\d.,]+%?\**$/;
/** Below this the text is too small to read; numbers are then broken instead. */
const MIN_SCALE = 0.7;

/**
 * Numbers must never break across lines: when the widest number of a table does not fit its
 * column, the whole table's text is set smaller (down to MIN_SCALE) so that it does.
 */
function fitScale(t: Table, colX: number[], pad: number, size: number, m: TextMeasure): number {
  let scale = 1;
  for (const row of [...t.header, ...t.body]) {
    let col = 0;
    for (const cell of row.cells) {
      const inner = colX[col + cell.colspan]! - colX[col]! - 2 * pad;
      col += cell.colspan;
      for (const b of cell.blocks) {
        if (b.kind !== 'paragraph') continue;
        for (const run of b.runs) {
          for (const word of run.text.split(/\s+/)) {
            if (!NUMBER.test(word)) continue;
            const w = m.width(word, 'bold', size);
            if (w > inner) scale = Math.min(scale, inner / w);
          }
        }
      }
    }
  }
  return Math.max(MIN_SCALE, Math.floor(scale * 100) / 100);
}

function drawRow(f: Frame, theme: Theme, cells: LaidCell[], y: number, height: number, pad: number, repeat?: boolean): void {
  const { painter } = f;
  painter.artifact('Layout', () => {
    for (const c of cells) {
      if (c.fill) painter.fillRect(f.left + c.x, y, c.width, height, c.fill);
    }
    painter.strokeRects(cells.map((c) => [f.left + c.x, y, c.width, height]), 0.5, theme.colors.rule!);
  });
  const drawText = (tagged: boolean) => {
    for (const c of cells) {
      let ly = y + pad;
      for (const line of c.lines) {
        line.draw(f, f.left + c.x + pad, ly, c.width - 2 * pad, tagged);
        ly += line.height;
      }
    }
  };
  // A header row repeated after a page break is pagination: the structure tree has it once.
  if (repeat) painter.artifact('Pagination', () => drawText(false));
  else drawText(true);
}

function splitRow(cells: LaidCell[], avail: number, pad: number, before: number, make: (c: LaidCell[], h: number, b: number) => Box): [Box, Box] | undefined {
  const room = avail - 2 * pad;
  const first: LaidCell[] = [];
  const rest: LaidCell[] = [];
  for (const c of cells) {
    let h = 0;
    let k = 0;
    while (k < c.lines.length && h + c.lines[k]!.height <= room) h += c.lines[k++]!.height;
    // Cut where a paragraph or a bullet starts, when one fits (a row taller than a page may not have one);
    // inside a single paragraph, leave at least two of its lines on each side.
    if (k < c.lines.length && !c.lines[k]!.starts) {
      let j = k;
      while (j > 0 && !c.lines[j]!.starts) j--;
      let end = k;
      while (end < c.lines.length && !c.lines[end]!.starts && c.lines[end]!.height > 3) end++;
      if (j > 0) k = j;
      else if (end - k < 2 && end - 2 >= 2) k = end - 2;
      else if (k < 2) k = 0;
    }
    first.push({ ...c, lines: c.lines.slice(0, k) });
    rest.push({ ...c, lines: c.lines.slice(k) });
  }
  if (first.every((c) => c.lines.length === 0)) return undefined;
  // The label of a row whose text goes on (its own lines all shown above) is repeated, continued.
  if (rest.some((c) => c.lines.length > 0)) rest.forEach((c, i) => c.lines.length === 0 && cells[i]!.continued && (c.lines = cells[i]!.continued!()));
  const height = (cs: LaidCell[]) => Math.max(...cs.map((c) => c.lines.reduce((s, l) => s + l.height, 0))) + 2 * pad;
  return [make(first, height(first), before), make(rest, height(rest), 0)];
}

/** Lines drawn as pagination (outside the structure tree): a label repeated after a page break. */
function continuation(lines: CellLine[]): CellLine[] {
  return lines.map((l) => ({ height: l.height, draw: (f, x, y, w) => f.painter.artifact('Pagination', () => l.draw(f, x, y, w, false)) }));
}
