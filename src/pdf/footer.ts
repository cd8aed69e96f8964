import type { DrawContext } from './context.js';
import { fitLine } from '../layout/fitLine.js';
import { artifact } from './struct.js';

/** "… · Página X de Y" on every page, as a pagination artifact. */
export function drawFooters(ctx: DrawContext, footer: string, y: number): void {
  const { doc, theme, measurer } = ctx;
  const range = doc.bufferedPageRange();
  const size = theme.sizes.footer!;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const page = ` · Página ${i + 1} de ${range.count}`;
    const text = fitLine(footer, ctx.width - measurer.width(page, 'regular', size), (s) => measurer.width(s, 'regular', size)) + page;
    artifact(doc, 'Pagination', () => {
      doc.lineWidth(0.5).strokeColor(theme.colors.rule!).moveTo(ctx.left, y - 4).lineTo(ctx.left + ctx.width, y - 4).stroke();
      doc.font(ctx.fontIds.regular).fontSize(size).fillColor(theme.colors.muted!).text(text, ctx.left, y, { lineBreak: false, width: ctx.width, align: 'center' });
    });
  }
}

