import type { Chart } from '../layout/blocks.js';
import type { Box, DrawContext } from './context.js';

/** Draws one named chart into the PDF at (x, y) within width x height, as vector graphics. */
export interface ChartRenderer {
  /** Returns false when the chart has no numeric data (the template prints a note instead). */
  has(name: string): boolean;
  draw(name: string, ctx: DrawContext, x: number, y: number, width: number, height: number): void;
}

/** A chart as one box tagged Figure with its alternative text. */
export function chartBoxes(chart: Chart, charts: ChartRenderer, ctx: DrawContext): Box[] {
  if (!charts.has(chart.name)) return [];
  return [
    {
      height: chart.height,
      before: ctx.theme.spacing.blockAfter!,
      draw: (c, y) => {
        const figure = new (c.root.constructor as typeof import('./struct.js').Slot)('Figure', c.root, { alt: chart.alt });
        figure.mark(c.doc, () => charts.draw(chart.name, c, c.left, y, c.width, chart.height));
      },
    },
  ];
}
