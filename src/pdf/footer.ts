import type { DrawContext } from './context.js';
import type { Measurer } from './measure.js';
import { breakLines, lineText, withoutBreakMarks } from '../layout/lines.js';
import { artifact } from './struct.js';

/**
 * The footer's size and lines for one page: smaller (down to 80%) before a second line. The name
 * and the page label are measured apart: the name is the same on every page, and a text measured
 * once is not shaped again.
 */
function footerLines(footer: string, label: string, width: number, full: number, m: Measurer): { size: number; lines: string[] } {
  const widthAt = (size: number) => m.width(footer, 'regular', size) + m.width(label, 'regular', size);
  let size = full;
  while (size > full * 0.8 && widthAt(size) > width) size -= full * 0.05;
  const text = footer + label;
  if (widthAt(size) <= width) return { size, lines: [text] };
  return { size, lines: breakLines([{ text, bold: false }], width, size, m).map(lineText) };
}

const pageLabel = (page: number, count: number) => ` · Página ${page} de ${count}`;
const plain = withoutBreakMarks;

/**
 * Room the footer needs above the page's bottom margin: three of its lines' worth for one line, as
 * always, and a line more for each line a very long program name adds (measured with the widest
 * page label a ficha can have), so the body never runs into it.
 */
export function footerSpace(footer: string, width: number, full: number, m: Measurer): number {
  const { size, lines } = footerLines(plain(footer), pageLabel(88, 88), width, full, m);
  return full * 3 + (lines.length - 1) * size * 1.15;
}

/** "… · Página X de Y" on every page, as a pagination artifact: never cut (see footerLines). */
export function drawFooters(ctx: DrawContext, footer: string, y: number): void {
  const { doc, theme, measurer } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const { size, lines } = footerLines(plain(footer), pageLabel(i + 1, range.count), ctx.width, theme.sizes.footer!, measurer);
    const top = y - (lines.length - 1) * size * 1.15;
    artifact(doc, 'Pagination', () => {
      doc.lineWidth(0.5).strokeColor(theme.colors.rule!).moveTo(ctx.left, top - 4).lineTo(ctx.left + ctx.width, top - 4).stroke();
      lines.forEach((line, k) => {
        doc.font(ctx.fontIds.regular).fontSize(size).fillColor(theme.colors.muted!).text(line, ctx.left, top + k * size * 1.15, { lineBreak: false, width: ctx.width, align: 'center' });
      });
    });
  }
}
