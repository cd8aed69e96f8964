import type { SceneMark } from '../charts/engine.js';
import type { Chart } from '../layout/blocks.js';
import type { Box, DrawContext } from './context.js';
import { drawScene } from './drawScene.js';
import { lineText, titleLines } from '../layout/lines.js';
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
 * A chart as one box: its caption (wrapped, never cut: see titleLines), then the chart, tagged as a
 * Figure with its Caption and alternative text. Nothing when it has no data.
 */
export function chartBoxes(chart: Chart, scenes: Scenes, ctx: DrawContext): Box[] {
  const scene = scenes.get(chartKey(chart.name, ctx.width));
  if (!scene) return [];
  const base = ctx.theme.sizes.caption ?? 8;
  const caption = chart.caption ? titleLines(chart.caption, ctx.width, base, ctx.measurer) : undefined;
  const captionHeight = caption ? caption.lines.length * caption.size * 1.25 + (ctx.theme.spacing.captionAfter ?? 3) : 0;
  return [
    {
      height: captionHeight + chart.height,
      before: ctx.theme.spacing.blockAfter!,
      draw: (c, y) => {
        const figure = new Slot('Figure', c.root, { alt: chart.alt, bbox: [c.left, y, c.left + c.width, y + captionHeight + chart.height] });
        if (caption) {
          new Slot('Caption', figure).mark(c.doc, () => {
            caption.lines.forEach((line, i) => {
              const text = lineText(line);
              c.doc.font(c.fontIds.bold).fontSize(caption.size).fillColor(c.theme.colors.subheading!).text(text, c.left, y + i * caption.size * 1.25, { lineBreak: false, width: c.width + 1 });
            });
          });
        }
        figure.mark(c.doc, () => drawScene(c, scene, c.left, y + captionHeight, (t, bold, s) => c.measurer.width(t, bold ? 'bold' : 'regular', s)));
      },
    },
  ];
}
