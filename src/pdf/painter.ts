import type { SceneMark } from '../charts/engine.js';
import type { Line } from '../layout/lines.js';
import type { ArtifactKind, Ink, Painter, Tag } from '../layout/paint.js';
import { drawScene } from './drawScene.js';
import type { FontName } from './fonts.js';
import { writeLine } from './internals/pdfkitInternals.js';
import type { Measurer } from './measure.js';
import { artifact, StructTree, type Doc } from './struct.js';

/** Laid-out charts by name and width (chartKey). */
export type Scenes = Map<string, SceneMark>;

export const chartKey = (name: string, width: number) => `${name}@${width.toFixed(2)}`;

/** Typesetting's drawing operations on a PDFKit document, tagged for PDF/UA. */
export class PdfPainter implements Painter {
  private readonly tree: StructTree;
  /** The current section's bookmark, for the sub-headings under it. */
  private section: { addItem(title: string): unknown } | undefined;

  constructor(
    private readonly doc: Doc,
    private readonly fontIds: Record<FontName, string>,
    private readonly measurer: Measurer,
    private readonly scenes: Scenes,
  ) {
    this.tree = new StructTree(doc);
  }

  tagged(tag: Tag, fn: () => void): void {
    this.tree.mark(tag, fn);
  }

  touch(tag: Tag): void {
    this.tree.element(tag);
  }

  /** Ends `tag`'s element: the document's root, once everything is drawn. */
  end(tag: Tag): void {
    this.tree.element(tag).end();
  }

  artifact(kind: ArtifactKind, fn: () => void): void {
    artifact(this.doc, kind, fn);
  }

  line(line: Line, x: number, top: number, ink: Ink): void {
    const { doc } = this;
    doc.fillColor(ink.color);
    for (const seg of line.segments) writeLine(doc.font(this.fontIds[seg.font]).fontSize(ink.size), seg.text, x + seg.x, top);
  }

  text(text: string, x: number, top: number, font: FontName, ink: Ink, width: number, center?: boolean): void {
    this.doc
      .font(this.fontIds[font])
      .fontSize(ink.size)
      .fillColor(ink.color)
      .text(text, x, top, { lineBreak: false, width, ...(center ? { align: 'center' as const } : {}) });
  }

  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.rect(x, y, width, height).fill(color);
  }

  strokeRects(rects: readonly [number, number, number, number][], lineWidth: number, color: string): void {
    this.doc.lineWidth(lineWidth).strokeColor(color);
    for (const [x, y, w, h] of rects) this.doc.rect(x, y, w, h).stroke();
  }

  rule(x1: number, x2: number, y: number, lineWidth: number, color: string): void {
    this.doc.lineWidth(lineWidth).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke();
  }

  bookmark(title: string, level: 2 | 3): void {
    if (level === 2) this.section = this.doc.outline.addItem(title) as never;
    else (this.section ?? this.doc.outline).addItem(title);
  }

  link(x: number, y: number, width: number, height: number, target: string, tag: Tag): void {
    // GoToR: another PDF, by its path relative to this one, opened at its first page. PDF/A allows
    // it (it forbids Launch); the annotation belongs to its Link element, with a description.
    this.doc.annotate(x, y, width, height, {
      Subtype: 'Link',
      A: { S: 'GoToR', F: new String(target), D: [0, 'Fit'], NewWindow: true },
      Contents: new String(`Abrir ${target}`),
      structParent: this.tree.element(tag),
    } as never);
  }

  chart(name: string, width: number, x: number, y: number): void {
    const scene = this.scenes.get(chartKey(name, width));
    if (scene) drawScene(this.doc, this.fontIds, scene, x, y, (t, bold, s) => this.measurer.width(t, bold ? 'bold' : 'regular', s));
  }
}
