import type { Block } from '../layout/blocks.js';
import { columnWidths } from '../layout/chartBoxes.js';
import type { ChartData } from '../present/chartData.js';
import type { ChartEngine } from '../charts/engine.js';
import { chartKey, type Scenes } from './painter.js';

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
