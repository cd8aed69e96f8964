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

/** Columns side by side as one unbreakable box; each column flows its own blocks top to bottom. */
function columnsBox(widths: number[], columns: Block[][], ctx: DrawContext, scenes: Scenes): Box[] {
  const ws = columnWidths(widths, ctx.width, COLUMN_GAP);
  const laid = columns.map((col, i) => blocksToBoxes(col, { ...ctx, width: ws[i]! }, scenes));
  const heightOf = (bs: Box[]) => bs.reduce((h, b, i) => h + (i === 0 ? 0 : b.before) + b.height, 0);
  const height = Math.max(0, ...laid.map(heightOf));
  if (height === 0) return [];
  return [
    {
      height,
      before: Math.max(0, ...laid.map((bs) => bs[0]?.before ?? 0)),
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
    },
  ];
}

