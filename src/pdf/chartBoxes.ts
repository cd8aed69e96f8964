import type { SceneMark } from '../charts/engine.js';
import type { Chart } from '../layout/blocks.js';
import type { Box, DrawContext } from './context.js';
import { drawScene } from './drawScene.js';
import { fitLine } from '../layout/fitLine.js';
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

/**
 * A chart as one box: its caption (one line, shortened with an ellipsis to the column, never
 * wrapped over the plot), then the chart, tagged as a Figure with its Caption and alternative
 * text. Nothing when it has no data.
 */
export function chartBoxes(chart: Chart, scenes: Scenes, ctx: DrawContext): Box[] {
  const scene = scenes.get(chartKey(chart.name, ctx.width));
  if (!scene) return [];
  const size = ctx.theme.sizes.caption ?? 8;
  const captionHeight = chart.caption ? size * 1.25 + (ctx.theme.spacing.captionAfter ?? 3) : 0;
  return [
    {
      height: captionHeight + chart.height,
      before: ctx.theme.spacing.blockAfter!,
      draw: (c, y) => {
        const figure = new Slot('Figure', c.root, { alt: chart.alt, bbox: [c.left, y, c.left + c.width, y + captionHeight + chart.height] });
        if (chart.caption) {
          const line = fitLine(chart.caption, c.width, (s) => c.measurer.width(s, 'bold', size));
          new Slot('Caption', figure).mark(c.doc, () => {
            c.doc.font(c.fontIds.bold).fontSize(size).fillColor(c.theme.colors.subheading!).text(line, c.left, y, { lineBreak: false, width: c.width + 1 });
          });
        }
        figure.mark(c.doc, () => drawScene(c, scene, c.left, y + captionHeight, (t, bold, s) => c.measurer.width(t, bold ? 'bold' : 'regular', s)));
      },
    },
  ];
}
