import type { SceneItem, SceneMark } from '../charts/engine.js';
import type { FontName } from './fonts.js';
import { writeLine, type Baseline } from './internals/pdfkitInternals.js';
import type { Doc } from './struct.js';

/** The document and its registered font names. */
type Ctx = { doc: Doc; fontIds: Record<FontName, string> };
type Measure = (text: string, bold: boolean, size: number) => number;

const num = (v: unknown, d = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== 'transparent' && v !== 'none' ? v : undefined);

/**
 * Draws a Vega scenegraph as PDF vector graphics and real text in the document's fonts: the
 * chart stays selectable, searchable and sharp at any zoom, and no raster image is ever made.
 */
export function drawScene(doc: Doc, fontIds: Record<FontName, string>, root: SceneMark, x: number, y: number, measure: Measure): void {
  const ctx: Ctx = { doc, fontIds };
  doc.save();
  doc.translate(x, y);
  drawMark(ctx, root, measure);
  doc.restore();
}

function drawMark(ctx: Ctx, mark: SceneMark, measure: Measure): void {
  const { doc } = ctx;
  switch (mark.marktype) {
    case 'group':
      for (const g of mark.items) {
        doc.save();
        doc.translate(num(g.x), num(g.y));
        if (str(g.fill) || str(g.stroke)) rect(doc, g, 0, 0, num(g.width), num(g.height));
        for (const child of g.items ?? []) drawMark(ctx, child, measure);
        doc.restore();
      }
      break;
    case 'rect':
      for (const it of mark.items) {
        const x = num(it.x);
        const yy = num(it.y);
        const w = it.width !== undefined ? num(it.width) : num(it.x2) - x;
        const h = it.height !== undefined ? num(it.height) : num(it.y2) - yy;
        rect(doc, it, Math.min(x, x + w), Math.min(yy, yy + h), Math.abs(w), Math.abs(h));
      }
      break;
    case 'rule':
      for (const it of mark.items) {
        const x1 = num(it.x);
        const y1 = num(it.y);
        const x2 = it.x2 !== undefined ? num(it.x2) : x1;
        const y2 = it.y2 !== undefined ? num(it.y2) : y1;
        stroke(doc, it, () => doc.moveTo(x1, y1).lineTo(x2, y2));
      }
      break;
    case 'line':
    case 'trail':
      line(doc, mark.items);
      break;
    case 'area':
      area(doc, mark.items);
      break;
    case 'symbol':
      for (const it of mark.items) {
        const r = Math.sqrt(num(it.size, 64) / Math.PI);
        paint(doc, it, () => doc.circle(num(it.x), num(it.y), r));
      }
      break;
    case 'path':
      for (const it of mark.items) {
        if (typeof it.path !== 'string') continue;
        doc.save();
        doc.translate(num(it.x), num(it.y));
        paint(doc, it, () => doc.path(it.path as string));
        doc.restore();
      }
      break;
    case 'text':
      for (const it of mark.items) text(ctx, it, measure);
      break;
    default:
      // arc, image, shape: not used by the ficha's charts.
      break;
  }
}

function opacity(it: SceneItem, key: 'fillOpacity' | 'strokeOpacity'): number {
  return num(it.opacity, 1) * num(it[key], 1);
}

function rect(doc: Doc, it: SceneItem, x: number, y: number, w: number, h: number): void {
  if (w <= 0 && h <= 0) return;
  paint(doc, it, () => doc.rect(x, y, w, h));
}

/** Fills and/or strokes the current path as the item says. */
function paint(doc: Doc, it: SceneItem, path: () => void): void {
  if (num(it.opacity, 1) === 0) return;
  const fill = str(it.fill);
  const strokeColor = str(it.stroke);
  if (fill) {
    path();
    doc.fillOpacity(opacity(it, 'fillOpacity')).fill(fill);
  }
  if (strokeColor && num(it.strokeWidth, 1) > 0) {
    path();
    doc.lineWidth(num(it.strokeWidth, 1)).strokeOpacity(opacity(it, 'strokeOpacity')).stroke(strokeColor);
  }
  doc.fillOpacity(1).strokeOpacity(1);
}

function stroke(doc: Doc, it: SceneItem, path: () => void): void {
  const color = str(it.stroke);
  if (!color) return;
  path();
  const dash = it.strokeDash as number[] | undefined;
  if (Array.isArray(dash) && dash.length) doc.dash(dash[0]!, { space: dash[1] ?? dash[0]! });
  doc.lineWidth(num(it.strokeWidth, 1)).strokeOpacity(opacity(it, 'strokeOpacity')).stroke(color);
  doc.undash().strokeOpacity(1);
}

/** A line mark: one path through its items; an undefined point (a marker value) breaks it. */
function line(doc: Doc, items: SceneItem[]): void {
  const first = items[0];
  if (!first || !str(first.stroke)) return;
  stroke(doc, first, () => {
    let pen = false;
    for (const it of items) {
      if (it.defined === false || typeof it.x !== 'number' || typeof it.y !== 'number') {
        pen = false;
        continue;
      }
      if (pen) doc.lineTo(it.x, it.y);
      else doc.moveTo(it.x, it.y);
      pen = true;
    }
  });
}

function area(doc: Doc, items: SceneItem[]): void {
  const pts = items.filter((it) => it.defined !== false);
  const first = pts[0];
  if (!first) return;
  paint(doc, first, () => {
    doc.moveTo(num(first.x), num(first.y));
    for (const it of pts.slice(1)) doc.lineTo(num(it.x), num(it.y));
    for (const it of [...pts].reverse()) doc.lineTo(it.x2 !== undefined ? num(it.x2) : num(it.x), it.y2 !== undefined ? num(it.y2) : num(it.y));
    doc.closePath();
  });
}

const BASELINE: Record<string, Baseline> = { alphabetic: 'alphabetic', top: 'top', middle: 'middle', bottom: 'bottom', 'line-top': 'top', 'line-bottom': 'bottom' };

function text(ctx: Ctx, it: SceneItem, measure: Measure): void {
  const { doc } = ctx;
  const raw = Array.isArray(it.text) ? it.text.join(' ') : it.text;
  // Vega hides colliding axis labels with opacity 0: such text must not be in the PDF at all.
  if (raw === undefined || raw === null || raw === '' || num(it.opacity, 1) === 0) return;
  const fill = str(it.fill) ?? '#000000';
  const size = num(it.fontSize, 11);
  const bold = it.fontWeight === 'bold' || Number(it.fontWeight) >= 600;
  let s = String(raw);
  const limit = num(it.limit, 0);
  if (limit > 0 && measure(s, bold, size) > limit) {
    while (s.length > 1 && measure(`${s}…`, bold, size) > limit) s = s.slice(0, -1);
    s = `${s.trimEnd()}…`;
  }
  const w = measure(s, bold, size);
  const align = it.align === 'center' ? -w / 2 : it.align === 'right' ? -w : 0;
  // As Vega's own renderers: move to (x, y), rotate, then offset by (dx, dy) in rotated space.
  doc.save();
  doc.translate(num(it.x), num(it.y));
  if (num(it.angle)) doc.rotate(num(it.angle));
  doc.translate(num(it.dx), num(it.dy));
  doc
    .font(ctx.fontIds[bold ? 'bold' : 'regular'])
    .fontSize(size)
    .fillOpacity(opacity(it, 'fillOpacity'))
    .fillColor(fill);
  const baseline = BASELINE[String(it.baseline ?? 'alphabetic')] ?? 'alphabetic';
  // text() draws each line of a text with line breaks at the same y; writeLine draws one line.
  if (s.includes('\n')) doc.text(s, align, 0, { lineBreak: false, baseline } as never);
  else writeLine(doc, s, align, 0, baseline);
  doc.restore();
}
