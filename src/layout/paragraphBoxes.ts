import type { List, Paragraph, Run } from './blocks.js';
import type { Theme } from './templates.js';
import type { Box } from './boxes.js';
import { breakLines, type Line } from './lines.js';
import type { FontName, TextMeasure } from './measure.js';
import { Tag, type Frame } from './paint.js';

export interface TextStyle {
  size: number;
  leading: number;
  color: string;
  bold?: boolean;
  align: 'left' | 'right' | 'center';
  before: number;
}

export function paragraphStyle(theme: Theme, style: Paragraph['style']): TextStyle {
  const s = theme.sizes;
  const sp = theme.spacing;
  const c = theme.colors;
  switch (style) {
    case 'note':
      return { size: s.note!, leading: s.noteLeading!, color: c.muted!, align: 'left', before: sp.noteBefore! };
    case 'kicker':
      return { size: s.kicker!, leading: s.kicker! * 1.4, color: c.subheading!, bold: true, align: 'center', before: 0 };
    case 'title':
      return { size: s.title!, leading: s.title! * 1.25, color: c.subheading!, bold: true, align: 'center', before: 6 };
    case 'subtitle':
      return { size: s.subtitle!, leading: s.leading!, color: c.text!, bold: true, align: 'center', before: 2 };
    case 'line':
      return { size: s.body!, leading: s.leading!, color: c.text!, align: 'left', before: 0 };
    case 'label':
      return { size: s.body!, leading: s.leading!, color: c.text!, bold: true, align: 'left', before: sp.paragraph! };
    default:
      return { size: s.body!, leading: s.leading!, color: c.text!, align: 'left', before: sp.paragraph! };
  }
}

/** Draws one broken line at (x, y) in a column of `width`; a link's line is also the link's area. */
export function drawLine(frame: Frame, line: Line, x: number, y: number, width: number, style: TextStyle, link?: { target: string; tag: Tag }): void {
  const dx = style.align === 'right' ? width - line.width : style.align === 'center' ? (width - line.width) / 2 : 0;
  // Text is placed by the top of the font's box (1.15 em high); centre that box in the line's leading.
  const top = y + (style.leading - style.size * 1.15) / 2;
  frame.painter.line(line, x + dx, top, style);
  if (link) frame.painter.link(x + dx, top, line.width, style.size * 1.15, link.target, link.tag);
}

/** A paragraph's structure element: Link for a link, else its own tag (P, H1, Note...). */
function tagOf(p: Paragraph, fallback: string, parent: Tag): Tag {
  return new Tag(p.link ? 'Link' : (p.tag ?? fallback), parent);
}

let nextId = 1;
export const newId = () => nextId++;

const boldRuns = (runs: Run[], bold?: boolean) => (bold ? runs.map((r) => ({ ...r, bold: true })) : runs);

/** A paragraph of the main column as one box per line, tagged P (or H1 for the title). */
export function paragraphBoxes(p: Paragraph, theme: Theme, m: TextMeasure, width: number, root: Tag): Box<Frame>[] {
  const style = { ...paragraphStyle(theme, p.style), ...(p.align ? { align: p.align } : {}) };
  const lines = breakLines(boldRuns(p.runs, style.bold), width, style.size, m);
  const tag = tagOf(p, p.style === 'note' ? 'Note' : 'P', root);
  const link = p.link ? { target: p.link, tag } : undefined;
  const id = newId();
  return lines.map((line, index) => ({
    height: style.leading,
    before: index === 0 ? style.before : 0,
    lines: { id, index, count: lines.length },
    // A label ("Revisión de Diseño:") introduces what follows: never leave it alone at a page bottom.
    keepWithNext: p.style === 'label' || (p.runs.length > 0 && p.runs.every((r) => r.bold) && /:\s*$/.test(p.runs.map((r) => r.text).join(''))),
    draw: (f, y) => f.painter.tagged(tag, () => drawLine(f, line, f.left, y, f.width, style, link)),
  }));
}

/** One line of content inside a table cell or list, with what tags it. */
export interface CellLine {
  height: number;
  /** The first line of a paragraph or of a bullet: where a row split across pages may cut. */
  starts?: boolean;
  /** `tagged: false` draws the line as plain content (inside an artifact). */
  draw(frame: Frame, x: number, y: number, width: number, tagged: boolean): void;
}

/** Lines of a paragraph inside a cell of `width`. */
export function cellParagraphLines(p: Paragraph, style: TextStyle, m: TextMeasure, width: number, parent: Tag): CellLine[] {
  const lines = breakLines(boldRuns(p.runs, style.bold), width, style.size, m);
  const tag = new Tag(p.link ? 'Link' : 'P', parent);
  const link = p.link ? { target: p.link, tag } : undefined;
  return lines.map((line, i) => ({
    height: style.leading,
    ...(i === 0 ? { starts: true } : {}),
    // A repeated (untagged) line is pagination: it gets no link of its own.
    draw: (f, x, y, w, tagged) => markIf(tagged, tag, f, () => drawLine(f, line, x, y, w, style, tagged ? link : undefined)),
  }));
}

/** Lines of a bullet list in a column of `width`: L > LI > (Lbl, LBody). */
export function listLines(list: List, style: TextStyle, m: TextMeasure, width: number, parent: Tag, indent: number): CellLine[] {
  const L = new Tag('L', parent);
  const out: CellLine[] = [];
  for (const item of list.items) {
    const LI = new Tag('LI', L);
    const lbl = new Tag('Lbl', LI);
    const body = new Tag('LBody', LI);
    const lines = breakLines(item, width - indent, style.size, m);
    lines.forEach((line, i) => {
      out.push({
        height: style.leading,
        ...(i === 0 ? { starts: true } : {}),
        draw: (f, x, y, w, tagged) => {
          const bullet = { segments: [{ text: '•', font: 'regular' as FontName, x: 0, width: 0 }], width: 0 };
          if (i === 0) markIf(tagged, lbl, f, () => drawLine(f, bullet, x, y, indent, { ...style, align: 'left' }));
          markIf(tagged, body, f, () => drawLine(f, line, x + indent, y, w - indent, { ...style, align: 'left' }));
        },
      });
    });
  }
  return out;
}

/** A list in the main column: one box per line. */
export function listBoxes(list: List, theme: Theme, m: TextMeasure, width: number, root: Tag): Box<Frame>[] {
  const style = paragraphStyle(theme, 'body');
  const lines = listLines(list, style, m, width, root, theme.spacing.bulletIndent!);
  return lines.map((l, i) => ({ height: l.height, before: i === 0 ? style.before : 0, draw: (f, y) => l.draw(f, f.left, y, f.width, true) }));
}

function markIf(tagged: boolean, tag: Tag, frame: Frame, fn: () => void): void {
  if (tagged) frame.painter.tagged(tag, fn);
  else fn();
}

