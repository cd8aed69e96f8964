import type { SceneMark } from '../charts/engine.js';
import type { Chart } from '../layout/blocks.js';
import type { Box, DrawContext } from './context.js';
import { drawScene } from './drawScene.js';
import { Slot } from './struct.js';

/** Laid-out charts by name and width. */
export type Scenes = Map<string, SceneMark>;

export const chartKey = (name: string, width: number) => `${name}@${width.toFixed(2)}`;

/** Widths of columns sharing `total`, proportional to `ratios`, with `gap` between them. */
export function columnWidths(ratios: number[], total: number, gap = 14): number[] {
  const sum = ratios.reduce((a, b) => a + b, 0);
  const room = total - gap * (ratios.length - 1);
  return ratios.map((r) => (r / sum) * room);
}

/** A chart as one box, tagged Figure with its alternative text; nothing when it has no data. */
export function chartBoxes(chart: Chart, scenes: Scenes, ctx: DrawContext): Box[] {
  const scene = scenes.get(chartKey(chart.name, ctx.width));
  if (!scene) return [];
  return [
    {
      height: chart.height,
      before: ctx.theme.spacing.blockAfter!,
      draw: (c, y) => {
        const figure = new Slot('Figure', c.root, { alt: chart.alt, bbox: [c.left, y, c.left + c.width, y + chart.height] });
        figure.mark(c.doc, () => drawScene(c, scene, c.left, y, (t, bold, size) => c.measurer.width(t, bold ? 'bold' : 'regular', size)));
      },
    },
  ];
}
