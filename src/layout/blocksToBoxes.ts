import type { Block } from './blocks.js';
import type { Box as AnyBox } from './boxes.js';
import { chartBoxes, columnWidths } from './chartBoxes.js';
import { headingBoxes } from './headingBoxes.js';
import type { TextMeasure } from './measure.js';
import type { ChartsLaidOut, Frame, Tag } from './paint.js';
import { listBoxes, newId, paragraphBoxes } from './paragraphBoxes.js';
import { tableBoxes } from './tableBoxes.js';

type Box = AnyBox<Frame>;

/** What typesetting needs besides the blocks: the column, how text measures, the structure's root, the charts that exist. */
export interface Typesetting {
  theme: Frame['theme'];
  width: number;
  measure: TextMeasure;
  root: Tag;
  charts: ChartsLaidOut;
}

/** The blocks as boxes to paginate, set in `ts.width`. */
export function blocksToBoxes(blocks: readonly Block[], ts: Typesetting, keepId?: number): Box[] {
  const { theme, measure: m, width, root } = ts;
  const out: Box[] = [];
  for (const b of blocks) {
    let boxes: Box[];
    switch (b.kind) {
      case 'paragraph':
        boxes = paragraphBoxes(b, theme, m, width, root);
        break;
      case 'heading':
        boxes = headingBoxes(b, theme, m, width, root);
        break;
      case 'list':
        boxes = listBoxes(b, theme, m, width, root);
        break;
      case 'table':
        boxes = tableBoxes(b, theme, m, width, root);
        break;
      case 'spacer':
        boxes = [{ height: b.height, before: 0, draw: () => {} }];
        break;
      case 'keep':
        boxes = blocksToBoxes(b.blocks, ts, keepId ?? newId());
        break;
      case 'chart':
        boxes = chartBoxes(b, ts.charts, theme, width, m, root);
        break;
      case 'columns':
        boxes = columnsBox(b.widths, b.columns, ts);
        break;
    }
    // A footnote stays with what it annotates: the table (or note) just above it; so does a row of
    // charts (with the last rows of a table split across pages, and that table's notes).
    const previous = out[out.length - 1];
    const illustrates = (b.kind === 'paragraph' && b.style === 'note') || b.kind === 'chart' || (b.kind === 'columns' && b.columns.every((col) => col.every((x) => x.kind === 'chart' || (x.kind === 'paragraph' && x.style === 'note'))));
    if (illustrates && previous && boxes.length > 0) previous.keepWithNext = true;
    out.push(...boxes.map((box) => (keepId === undefined ? box : { ...box, keepId })));
  }
  return out;
}

const COLUMN_GAP = 14;

/**
 * Columns side by side as one box; each column flows its own blocks top to bottom. When the first
 * column holds a table (the regional breakdown beside its charts), the box can start at a page's
 * bottom with the table's header and three rows, and continue on the next page with the header
 * repeated: each column is cut where the room ends, never after a heading or inside a paragraph.
 */
function columnsBox(widths: number[], columns: Block[][], ts: Typesetting): Box[] {
  const ws = columnWidths(widths, ts.width, COLUMN_GAP);
  const laid = columns.map((col, i) => blocksToBoxes(col, { ...ts, width: ws[i]! }));
  const box = columnsOf(laid, ws);
  return box ? [box] : [];
}

const stackHeight = (bs: Box[]) => bs.reduce((h, b, i) => h + (i === 0 ? 0 : b.before) + b.height, 0);

function columnsOf(laid: Box[][], ws: number[]): Box | undefined {
  const height = Math.max(0, ...laid.map(stackHeight));
  if (height === 0) return undefined;
  const rows = laid[0]!.filter((b) => b.header !== undefined);
  const firstRows = laid[0]!.indexOf(rows[Math.min(2, rows.length - 1)]!);
  return {
    height,
    before: Math.max(0, ...laid.map((bs) => bs[0]?.before ?? 0)),
    ...(rows.length > 3 ? { minHeight: stackHeight(laid[0]!.slice(0, firstRows + 1)), split: (_f: Frame, avail: number) => splitColumns(laid, ws, avail) } : {}),
    draw: (c, y) => {
      let x = c.left;
      laid.forEach((bs, i) => {
        const sub = { ...c, left: x, width: ws[i]! };
        let yy = y;
        bs.forEach((b, k) => {
          yy += k === 0 ? 0 : b.before;
          b.draw(sub, yy);
          yy += b.height;
        });
        x += ws[i]! + COLUMN_GAP;
      });
    },
  };
}

/** The columns cut at `avail`: what fits of each, and the rest (a table's header drawn again on top). */
function splitColumns(laid: Box[][], ws: number[], avail: number): [Box, Box] | undefined {
  const firsts: Box[][] = [];
  const rests: Box[][] = [];
  for (const bs of laid) {
    let n = 0;
    let h = 0;
    while (n < bs.length && h + (n === 0 ? 0 : bs[n]!.before) + bs[n]!.height <= avail) h += (n === 0 ? 0 : bs[n]!.before) + bs[n]!.height, n++;
    // Never end the piece after a heading or a header row, nor inside a paragraph.
    while (n > 0 && n < bs.length && (bs[n - 1]!.keepWithNext || (bs[n]!.lines && bs[n]!.lines!.index > 0))) n--;
    const rest = bs.slice(n);
    const header = rest[0]?.header ?? [];
    firsts.push(bs.slice(0, n));
    rests.push(n > 0 && header.length ? [...header.map((hb) => ({ ...hb, draw: (f: Frame, y: number) => hb.draw(f, y, true) })), ...rest] : rest);
  }
  if (firsts[0]!.length === 0 || rests.every((r) => r.length === 0)) return undefined;
  const first = columnsOf(firsts, ws);
  const rest = columnsOf(rests, ws);
  return first && rest ? [first, rest] : undefined;
}
