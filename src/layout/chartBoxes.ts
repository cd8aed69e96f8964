import type { Chart } from './blocks.js';
import type { Box } from './boxes.js';
import { lineText, titleLines } from './lines.js';
import type { TextMeasure } from './measure.js';
import type { Theme } from './templates.js';
import { Tag, type ChartsLaidOut, type Frame } from './paint.js';

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
export function chartBoxes(chart: Chart, laidOut: ChartsLaidOut, theme: Theme, width: number, m: TextMeasure, root: Tag): Box<Frame>[] {
  if (!laidOut(chart.name, width)) return [];
  const base = theme.sizes.caption ?? 8;
  const caption = chart.caption ? titleLines(chart.caption, width, base, m) : undefined;
  const captionHeight = caption ? caption.lines.length * caption.size * 1.25 + (theme.spacing.captionAfter ?? 3) : 0;
  return [
    {
      height: captionHeight + chart.height,
      before: theme.spacing.blockAfter!,
      draw: (f, y) => {
        const { painter } = f;
        const figure = new Tag('Figure', root, { alt: chart.alt, bbox: [f.left, y, f.left + f.width, y + captionHeight + chart.height] });
        if (caption) {
          const ink = { size: caption.size, color: theme.colors.subheading! };
          painter.tagged(new Tag('Caption', figure), () => {
            caption.lines.forEach((line, i) => painter.text(lineText(line), f.left, y + i * caption.size * 1.25, 'bold', ink, f.width + 1));
          });
        }
        painter.tagged(figure, () => painter.chart(chart.name, f.width, f.left, y + captionHeight));
      },
    },
  ];
}
