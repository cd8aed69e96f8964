import PDFDocument from 'pdfkit';
import type { Block, LayoutDoc } from '../layout/blocks.js';
import type { TemplateSet } from '../layout/templates.js';
import type { Box, DrawContext } from './context.js';
import { FONT_NAMES, themeFonts, type FontName } from './fonts.js';
import { headingBoxes } from './headingBoxes.js';
import { Measurer } from './measure.js';
import { paginate } from './paginate.js';
import { listBoxes, newId, paragraphBoxes } from './paragraphBoxes.js';
import { artifact, Slot, type Doc } from './struct.js';
import { tableBoxes } from './tableBoxes.js';
import type { ChartData } from '../charts/data.js';
import type { ChartEngine, SceneMark } from '../charts/engine.js';
import { chartBoxes, chartKey, columnWidths, type Scenes } from './chartBoxes.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** Fixed, for byte-identical output: never the clock. */
  date: Date;
}

export interface Attachment {
  name: string;
  bytes: Uint8Array;
  description: string;
}

export interface PdfOptions {
  templates: TemplateSet;
  metadata: PdfMetadata;
  attachment?: Attachment;
  /** Chart data by name and the engine that lays charts out; absent: no charts are drawn. */
  charts?: { engine: ChartEngine; data: Record<string, ChartData> };
}

const measurers = new WeakMap<object, Measurer>();

/** One text measurer per set of fonts, shared by the layout and the charts. */
export function measurerFor(templates: TemplateSet): Measurer {
  const fonts = themeFonts(templates.theme, templates.dir);
  let measurer = measurers.get(fonts.regular);
  if (!measurer) measurers.set(fonts.regular, (measurer = new Measurer(fonts)));
  return measurer;
}

/** Layout tree -> PDF/A-3a bytes: tagged, letter size, fonts embedded and subset. */
export async function renderPdf(layoutDoc: LayoutDoc, opts: PdfOptions): Promise<Buffer> {
  const { theme, dir } = opts.templates;
  const fonts = themeFonts(theme, dir);
  const measurer = measurerFor(opts.templates);
  const md = opts.metadata;

  const doc = new PDFDocument({
    size: theme.page.size,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-3a',
    tagged: true,
    lang: 'es-CL',
    displayTitle: true,
    compress: true,
    font: fonts.regular as never,
    info: { Title: md.title, Author: md.author, Subject: md.subject, Keywords: md.keywords, Creator: 'ficha', Producer: 'ficha (PDFKit)', CreationDate: md.date, ModDate: md.date },
  } as never) as Doc;
  escapeXmpInfo(doc);

  // The constructor opened the default font (Arimo, so that no standard Helvetica is ever created).
  // Forget it: a registered name whose font equals an already open one is never cached by PDFKit,
  // which would then re-create the font on every doc.font() call.
  Object.assign(doc as unknown as { _fontFamilies: object }, { _fontFamilies: {} });
  const fontIds = {} as Record<FontName, string>;
  for (const name of FONT_NAMES) {
    fontIds[name] = `F-${name}`;
    doc.registerFont(fontIds[name], fonts[name] as never);
  }
  if (opts.attachment) {
    const a = opts.attachment;
    doc.file(Buffer.from(a.bytes), { name: a.name, type: 'application/yaml', description: a.description, relationship: 'Source', creationDate: md.date, modifiedDate: md.date } as never);
  }

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const margin = theme.page.margin;
  doc.addPage();
  const pageWidth = doc.page.width;
  const pageHeight = doc.page.height;
  const footerSpace = theme.sizes.footer! * 3;
  const root = new Slot('Document', (d, el) => d.addStructure(el));
  const ctx: DrawContext = { doc, theme, measurer, left: margin, width: pageWidth - 2 * margin, fontIds, root, outline: {} };
  const scenes = opts.charts ? await layOutCharts(layoutDoc.blocks, ctx.width, opts.charts) : new Map<string, SceneMark>();
  const boxes = blocksToBoxes(layoutDoc.blocks, ctx, scenes);
  paginate(ctx, boxes, { top: margin, bottom: pageHeight - margin - footerSpace }, () => doc.addPage());
  drawFooters(ctx, layoutDoc.footer, pageHeight - margin - theme.sizes.footer! * 1.2);
  root.get(doc).end();
  doc.end();
  return done;
}

/** Every chart of the layout, laid out by Vega at the size its column gives it. */
async function layOutCharts(blocks: readonly Block[], width: number, charts: NonNullable<PdfOptions['charts']>): Promise<Scenes> {
  const scenes: Scenes = new Map();
  const walk = async (bs: readonly Block[], w: number): Promise<void> => {
    for (const b of bs) {
      if (b.kind === 'keep') await walk(b.blocks, w);
      else if (b.kind === 'columns') {
        const ws = columnWidths(b.widths, w);
        for (const [i, col] of b.columns.entries()) await walk(col, ws[i]!);
      } else if (b.kind === 'chart') {
        const data = charts.data[b.name];
        if (!data?.hasData || scenes.has(chartKey(b.name, w))) continue;
        const { scene } = await charts.engine.render({ spec: data.spec, rows: data.rows, signals: data.signals, width: w, height: b.height });
        scenes.set(chartKey(b.name, w), scene);
      }
    }
  };
  await walk(blocks, width);
  return scenes;
}

function blocksToBoxes(blocks: readonly Block[], ctx: DrawContext, scenes: Scenes, keepId?: number): Box[] {
  const { theme, measurer: m, width, root } = ctx;
  const out: Box[] = [];
  for (const b of blocks) {
    let boxes: Box[];
    switch (b.kind) {
      case 'paragraph':
        boxes = paragraphBoxes(b, theme, m, width, root);
        break;
      case 'heading':
        boxes = headingBoxes(b, theme, m, width, root);
        break;
      case 'list':
        boxes = listBoxes(b, theme, m, width, root);
        break;
      case 'table':
        boxes = tableBoxes(b, theme, m, width, root);
        break;
      case 'spacer':
        boxes = [{ height: b.height, before: 0, draw: () => {} }];
        break;
      case 'keep':
        boxes = blocksToBoxes(b.blocks, ctx, scenes, keepId ?? newId());
        break;
      case 'chart':
        boxes = chartBoxes(b, scenes, ctx);
        break;
      case 'columns':
        boxes = columnsBox(b.widths, b.columns, ctx, scenes);
        break;
    }
    out.push(...boxes.map((box) => (keepId === undefined ? box : { ...box, keepId })));
  }
  return out;
}

const COLUMN_GAP = 14;

/** Columns side by side as one unbreakable box; each column flows its own blocks top to bottom. */
function columnsBox(widths: number[], columns: Block[][], ctx: DrawContext, scenes: Scenes): Box[] {
  const ws = columnWidths(widths, ctx.width, COLUMN_GAP);
  const laid = columns.map((col, i) => blocksToBoxes(col, { ...ctx, width: ws[i]! }, scenes));
  const heightOf = (bs: Box[]) => bs.reduce((h, b, i) => h + (i === 0 ? 0 : b.before) + b.height, 0);
  const height = Math.max(0, ...laid.map(heightOf));
  if (height === 0) return [];
  return [
    {
      height,
      before: Math.max(0, ...laid.map((bs) => bs[0]?.before ?? 0)),
      draw: (c, y) => {
        let x = c.left;
        laid.forEach((bs, i) => {
          const sub = { ...c, left: x, width: ws[i]! };
          let yy = y;
          bs.forEach((b, k) => {
            yy += k === 0 ? 0 : b.before;
            b.draw(sub, yy);
            yy += b.height;
          });
          x += ws[i]! + COLUMN_GAP;
        });
      },
    },
  ];
}

/** "… · Página X de Y" on every page, as a pagination artifact. */
function drawFooters(ctx: DrawContext, footer: string, y: number): void {
  const { doc, theme, measurer } = ctx;
  const range = doc.bufferedPageRange();
  const size = theme.sizes.footer!;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    let text = `${footer} · Página ${i + 1} de ${range.count}`;
    while (measurer.width(text, 'regular', size) > ctx.width && footer.length > 10) {
      footer = footer.slice(0, -2).trimEnd() + '…';
      text = `${footer} · Página ${i + 1} de ${range.count}`;
    }
    artifact(doc, 'Pagination', () => {
      doc.lineWidth(0.5).strokeColor(theme.colors.rule!).moveTo(ctx.left, y - 4).lineTo(ctx.left + ctx.width, y - 4).stroke();
      doc.font(ctx.fontIds.regular).fontSize(size).fillColor(theme.colors.muted!).text(text, ctx.left, y, { lineBreak: false, width: ctx.width, align: 'center' });
    });
  }
}

/** PDFKit writes Title, Author and Subject into the XMP packet unescaped. */
function escapeXmpInfo(doc: Doc): void {
  const d = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const original = d._addInfo;
  const esc = (v: unknown) => (typeof v === 'string' ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v);
  d._addInfo = function (this: typeof d) {
    const saved = this.info;
    this.info = Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, esc(v)]));
    try {
      original.call(this);
    } finally {
      this.info = saved;
    }
  };
}
