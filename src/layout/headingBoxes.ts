import type { Heading } from './blocks.js';
import type { Theme } from './templates.js';
import type { Box } from './boxes.js';
import { breakLines } from './lines.js';
import type { TextMeasure } from './measure.js';
import { drawLine } from './paragraphBoxes.js';
import { Tag, type Frame } from './paint.js';

/** H2: white capitals on a dark band across the column, a bookmark. H3: dark-blue capitals. */
export function headingBoxes(h: Heading, theme: Theme, m: TextMeasure, width: number, root: Tag): Box<Frame>[] {
  const s = theme.sizes;
  const sp = theme.spacing;
  const tag = new Tag(h.level === 2 ? 'H2' : 'H3', root);
  if (h.level === 2) {
    const pad = sp.h2Padding!;
    const style = { size: s.h2!, leading: s.h2! * 1.3, color: theme.colors.bandText!, bold: true, align: 'left' as const, before: 0 };
    const lines = breakLines([{ text: h.text, bold: true }], width - 2 * pad, style.size, m);
    const height = lines.length * style.leading + 2 * pad;
    return [
      {
        height: height + sp.h2After!,
        before: sp.h2Before!,
        keepWithNext: true,
        draw: (f, y) => {
          f.painter.artifact('Layout', () => f.painter.fillRect(f.left, y, f.width, height, theme.colors.band!));
          f.painter.bookmark(h.text, 2);
          f.painter.tagged(tag, () => lines.forEach((line, i) => drawLine(f, line, f.left + pad, y + pad + i * style.leading, f.width - 2 * pad, style)));
        },
      },
    ];
  }
  const style = { size: s.h3!, leading: s.h3! * 1.3, color: theme.colors.subheading!, bold: true, align: 'left' as const, before: 0 };
  const lines = breakLines([{ text: h.text, bold: true }], width, style.size, m);
  return [
    {
      height: lines.length * style.leading + sp.h3After!,
      before: sp.h3Before!,
      keepWithNext: true,
      draw: (f, y) => {
        f.painter.bookmark(h.text, 3);
        f.painter.tagged(tag, () => lines.forEach((line, i) => drawLine(f, line, f.left, y + i * style.leading, f.width, style)));
      },
    },
  ];
}
