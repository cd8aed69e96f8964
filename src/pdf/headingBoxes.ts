import type { Heading } from '../layout/blocks.js';
import type { Theme } from '../layout/templates.js';
import type { Box } from './context.js';
import { breakLines } from '../layout/lines.js';
import type { Measurer } from './measure.js';
import { drawLine } from './paragraphBoxes.js';
import { artifact, Slot } from './struct.js';

/** H2: white capitals on a dark band across the column, a bookmark. H3: dark-blue capitals. */
export function headingBoxes(h: Heading, theme: Theme, m: Measurer, width: number, root: Slot): Box[] {
  const s = theme.sizes;
  const sp = theme.spacing;
  const slot = new Slot(h.level === 2 ? 'H2' : 'H3', root);
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
        draw: (ctx, y) => {
          const { doc } = ctx;
          artifact(doc, 'Layout', () => doc.rect(ctx.left, y, ctx.width, height).fill(theme.colors.band!));
          ctx.outline.section = doc.outline.addItem(h.text) as never;
          slot.mark(doc, () => lines.forEach((line, i) => drawLine(ctx, line, ctx.left + pad, y + pad + i * style.leading, ctx.width - 2 * pad, style)));
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
      draw: (ctx, y) => {
        (ctx.outline.section ?? ctx.doc.outline).addItem(h.text);
        slot.mark(ctx.doc, () => lines.forEach((line, i) => drawLine(ctx, line, ctx.left, y + i * style.leading, ctx.width, style)));
      },
    },
  ];
}
