import PDFDocument from 'pdfkit';
import type * as fontkit from 'fontkit';
import { shapedRuns } from './shaping.js';
import { bufferPageContent, collectBytes, deflateStreamsWith, forgetFontFamilies, memoizeColors, useLayoutCache } from './internals/pdfkitInternals.js';
import type { LayoutDoc } from '../layout/blocks.js';
import type { TemplateSet } from '../layout/templates.js';
import { FONT_NAMES, themeFonts, type FontName } from './fonts.js';
import { Measurer } from './measure.js';
import { paginate } from '../layout/paginate.js';
import type { Doc } from './struct.js';
import { blocksToBoxes } from '../layout/blocksToBoxes.js';
import { drawFooter, footerSpace } from '../layout/footer.js';
import { Tag, type Frame } from '../layout/paint.js';
import { layOutCharts, type ChartSource } from './layOutCharts.js';
import { chartKey, PdfPainter, type Scenes } from './painter.js';
import { escapeXmpInfo } from './metadata.js';

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
  /** MIME type; a ficha's input is YAML. */
  type?: string;
  /** How the file relates to the document (PDF/A-3): Source for a ficha's input, Data for a summary's table. */
  relationship?: 'Source' | 'Data';
}

export interface PdfOptions {
  templates: TemplateSet;
  metadata: PdfMetadata;
  attachment?: Attachment;
  /** Chart data by name and the engine that lays charts out; absent: no charts are drawn. */
  charts?: ChartSource;
}

const measurers = new WeakMap<object, Measurer>();

/**
 * PDFKit shapes every word with fontkit and caches the result per document; a batch would shape
 * the same words again for every ficha. The shaped runs depend only on the font, so documents
 * share one cache per font, renewed every 50 documents to bound its size; shaping.ts backs it with
 * the cache folder and gives each glyph the same characters in every document.
 */
const layoutCaches = new WeakMap<object, { cache: Record<string, unknown>; uses: number }>();
function shareLayoutCache(doc: Doc, font: fontkit.Font): void {
  let entry = layoutCaches.get(font);
  if (!entry || entry.uses >= 50) layoutCaches.set(font, (entry = { cache: shapedRuns(font, Object.create(null) as Record<string, unknown>), uses: 0 }));
  entry.uses++;
  useLayoutCache(doc, entry.cache);
}

/** One text measurer per set of fonts, shared by the layout and the charts. */
export function measurerFor(templates: TemplateSet): Measurer {
  const fonts = themeFonts(templates.theme, templates.dir);
  let measurer = measurers.get(fonts.regular);
  if (!measurer) measurers.set(fonts.regular, (measurer = new Measurer(fonts)));
  return measurer;
}

/**
 * zlib at level 3 (its fast matcher) with its largest hash table: a ficha's streams compress in
 * ~1.4 ms instead of ~2.7 ms at the default level 6, and come out ~10% larger (~4 KB in a ~100 KB
 * PDF; measured on the five examples' streams).
 */
const DEFLATE_OPTIONS = { level: 3, memLevel: 9 } as const;

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
  bufferPageContent(doc);
  deflateStreamsWith(doc, DEFLATE_OPTIONS);
  memoizeColors(doc);

  // The constructor opened the default font (Arimo, so that no standard Helvetica is ever created).
  // Forget it: a registered name whose font equals an already open one is never cached by PDFKit,
  // which would then re-create the font on every doc.font() call.
  forgetFontFamilies(doc);
  const fontIds = {} as Record<FontName, string>;
  for (const name of FONT_NAMES) {
    fontIds[name] = `F-${name}`;
    doc.registerFont(fontIds[name], fonts[name] as never);
    doc.font(fontIds[name]);
    shareLayoutCache(doc, fonts[name]);
  }
  if (opts.attachment) {
    const a = opts.attachment;
    doc.file(Buffer.from(a.bytes), { name: a.name, type: a.type ?? 'application/yaml', description: a.description, relationship: a.relationship ?? 'Source', creationDate: md.date, modifiedDate: md.date } as never);
  }

  const done = collectBytes(doc);

  const margin = theme.page.margin;
  doc.addPage();
  const pageWidth = doc.page.width;
  const pageHeight = doc.page.height;
  const footerRoom = footerSpace(layoutDoc.footer, pageWidth - 2 * margin, theme.sizes.footer!, measurer);
  const width = pageWidth - 2 * margin;
  const root = new Tag('Document');
  const scenes: Scenes = opts.charts ? await layOutCharts(layoutDoc.blocks, width, opts.charts) : new Map();
  const boxes = blocksToBoxes(layoutDoc.blocks, { theme, width, measure: measurer, root, charts: (name, w) => scenes.has(chartKey(name, w)) });
  const painter = new PdfPainter(doc, fontIds, measurer, scenes);
  const frame: Frame = { painter, theme, left: margin, width };
  paginate(frame, boxes, { top: margin, bottom: pageHeight - margin - footerRoom }, () => doc.addPage());
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    drawFooter(frame, layoutDoc.footer, i + 1, range.count, pageHeight - margin - theme.sizes.footer! * 1.2, measurer);
  }
  painter.end(root);
  doc.end();
  return done;
}

