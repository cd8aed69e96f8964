import { breakLines, lineText, withoutBreakMarks } from './lines.js';
import type { TextMeasure } from './measure.js';
import type { Frame } from './paint.js';

/**
 * The footer's size and lines for one page: smaller (down to 80%) before a second line. The name
 * and the page label are measured apart: the name is the same on every page, and a text measured
 * once is not shaped again.
 */
function footerLines(footer: string, label: string, width: number, full: number, m: TextMeasure): { size: number; lines: string[] } {
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
export function footerSpace(footer: string, width: number, full: number, m: TextMeasure): number {
  const { size, lines } = footerLines(plain(footer), pageLabel(88, 88), width, full, m);
  return full * 3 + (lines.length - 1) * size * 1.15;
}

/** "… · Página X de Y", its last line's top at `y`, as a pagination artifact: never cut (see footerLines). */
export function drawFooter(f: Frame, footer: string, page: number, count: number, y: number, m: TextMeasure): void {
  const { theme, painter } = f;
  const { size, lines } = footerLines(plain(footer), pageLabel(page, count), f.width, theme.sizes.footer!, m);
  const top = y - (lines.length - 1) * size * 1.15;
  const ink = { size, color: theme.colors.muted! };
  painter.artifact('Pagination', () => {
    painter.rule(f.left, f.left + f.width, top - 4, 0.5, theme.colors.rule!);
    lines.forEach((line, k) => painter.text(line, f.left, top + k * size * 1.15, 'regular', ink, f.width, true));
  });
}
