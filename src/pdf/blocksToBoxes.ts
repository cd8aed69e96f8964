import type { Block } from '../layout/blocks.js';
import type { ChartData } from '../present/chartData.js';
import type { ChartEngine } from '../charts/engine.js';
import type { Box, DrawContext } from './context.js';
import { chartBoxes, chartKey, columnWidths, type Scenes } from './chartBoxes.js';
import { headingBoxes } from './headingBoxes.js';
import { listBoxes, newId, paragraphBoxes } from './paragraphBoxes.js';
import { tableBoxes } from './tableBoxes.js';

export type ChartSource = { engine: ChartEngine; data: Record<string, ChartData> };

/** Every chart of the layout, laid out by Vega at the size its column gives it. */
export async function layOutCharts(blocks: readonly Block[], width: number, charts: ChartSource): Promise<Scenes> {
  const scenes: Scenes = new Map();
  const walk = async (bs: readonly Block[], w: number): Promise<void> => {
    for (const b of bs) {
      if (b.kind === 'keep') await walk(b.blocks, w);
      else if (b.kind === 'columns') {
        const ws = columnWidths(b.widths, w);
        for (const [i, col] of b.columns.entries()) await walk(col, ws[i]!);
      } else if (b.kind === 'chart') {
        const data = charts.data[b.name];
        if (!data?.hasData || scenes.has(chartKey(b.name, w))) continue;
        const { scene } = await charts.engine.render({ spec: data.spec, rows: data.rows, signals: data.signals, width: w, height: b.height });
        scenes.set(chartKey(b.name, w), scene);
      }
    }
  };
  await walk(blocks, width);
  return scenes;
}

export function blocksToBoxes(blocks: readonly Block[], ctx: DrawContext, scenes: Scenes, keepId?: number): Box[] {
  const { theme, measurer: m, width, root } = ctx;
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
        boxes = blocksToBoxes(b.blocks, ctx, scenes, keepId ?? newId());
        break;
      case 'chart':
        boxes = chartBoxes(b, scenes, ctx);
        break;
      case 'columns':
        boxes = columnsBox(b.widths, b.columns, ctx, scenes);
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
function columnsBox(widths: number[], columns: Block[][], ctx: DrawContext, scenes: Scenes): Box[] {
  const ws = columnWidths(widths, ctx.width, COLUMN_GAP);
  const laid = columns.map((col, i) => blocksToBoxes(col, { ...ctx, width: ws[i]! }, scenes));
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
    ...(rows.length > 3 ? { minHeight: stackHeight(laid[0]!.slice(0, firstRows + 1)), split: (_c: DrawContext, avail: number) => splitColumns(laid, ws, avail) } : {}),
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
    rests.push(n > 0 && header.length ? [...header.map((hb) => ({ ...hb, draw: (c: DrawContext, y: number) => hb.draw(c, y, true) })), ...rest] : rest);
  }
  if (firsts[0]!.length === 0 || rests.every((r) => r.length === 0)) return undefined;
  const first = columnsOf(firsts, ws);
  const rest = columnsOf(rests, ws);
  return first && rest ? [first, rest] : undefined;
}
