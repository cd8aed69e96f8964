import type { DrawContext } from './context.js';
import { breakLines } from '../layout/lines.js';
import { artifact } from './struct.js';

/**
 * "… · Página X de Y" on every page, as a pagination artifact. A program name too long for one
 * line is set smaller (down to 80%), then on two lines: never cut.
 */
export function drawFooters(ctx: DrawContext, footer: string, y: number): void {
  const { doc, theme, measurer } = ctx;
  const range = doc.bufferedPageRange();
  const full = theme.sizes.footer!;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const text = footer.replace(/[\u00AD\u200B]/g, '') + ` · Página ${i + 1} de ${range.count}`;
    let size = full;
    while (size > full * 0.8 && measurer.width(text, 'regular', size) > ctx.width) size -= full * 0.05;
    const lines = measurer.width(text, 'regular', size) <= ctx.width ? [text] : breakLines([{ text, bold: false }], ctx.width, size, measurer).map((l) => l.segments.map((s) => s.text).join(''));
    const top = y - (lines.length - 1) * size * 1.15;
    artifact(doc, 'Pagination', () => {
      doc.lineWidth(0.5).strokeColor(theme.colors.rule!).moveTo(ctx.left, top - 4).lineTo(ctx.left + ctx.width, top - 4).stroke();
      lines.forEach((line, k) => {
        doc.font(ctx.fontIds.regular).fontSize(size).fillColor(theme.colors.muted!).text(line, ctx.left, top + k * size * 1.15, { lineBreak: false, width: ctx.width, align: 'center' });
      });
    });
  }
}
