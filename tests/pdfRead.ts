import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text on a page, in top-down coordinates (points from the top-left corner). */
export interface TextBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface PdfPage {
  page: number;
  width: number;
  height: number;
  /** Text runs as pdfjs reads them (a line of a paragraph, a cell, a label). */
  words: TextBox[];
  /** The page's lines, top to bottom, runs joined left to right. */
  lines: string[];
  /** The page's text in content-stream order (cell by cell), lines separated by newlines. */
  stream: string;
}

export interface PdfRead {
  pages: PdfPage[];
  /** All pages' text in reading order, hyphenation undone, whitespace folded. */
  text: string;
  info: Record<string, unknown>;
  metadata: string;
}

/** Reads a PDF with pdfjs-dist (no poppler needed): text runs with their boxes, lines, metadata. */
export async function readPdf(source: string | Uint8Array): Promise<PdfRead> {
  const data = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : new Uint8Array(source);
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const words: (TextBox & { base: number })[] = [];
      let stream = '';
      let lastBase: number | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , , e, f] = item.transform as number[];
        // Content-stream order, as `pdftotext -raw` reads it: a new baseline starts a new line.
        if (item.str) {
          stream += (lastBase !== undefined && Math.abs(lastBase - f!) > 2 ? '\n' : '') + item.str;
          lastBase = f!;
        }
        if (item.hasEOL) stream += '\n';
        if (!item.str.trim()) continue;
        const size = item.height || Math.hypot(a!, b!);
        // The run's box: `width` along the text direction (rotated axis titles too), 0.8 size above the baseline and 0.2 below.
        const len = Math.hypot(a!, b!) || 1;
        const [dx, dy] = [a! / len, b! / len];
        const [nx, ny] = [-dy, dx];
        const corners = [
          [e! - nx * size * 0.2, f! - ny * size * 0.2],
          [e! + nx * size * 0.8, f! + ny * size * 0.8],
        ].flatMap(([x, y]) => [
          [x!, y!],
          [x! + dx * item.width, y! + dy * item.width],
        ]);
        const xs = corners.map((c) => c[0]!);
        const ys = corners.map((c) => height - c[1]!);
        words.push({ x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys), base: height - f!, text: item.str });
      }
      pages.push({ page: p, width, height, words: words.map(({ base: _b, ...w }) => w), lines: toLines(words), stream });
      page.cleanup();
    }
    const text = pages
      .map((p) => p.stream)
      .join('\n')
      .normalize('NFC')
      .replace(/-\n(?=[a-záéíóúñ])/g, '')
      .replace(/\s+/g, ' ');
    const meta = await doc.getMetadata();
    return { pages, text, info: meta.info as Record<string, unknown>, metadata: meta.metadata ? String((meta.metadata as { getRaw?: () => string }).getRaw?.() ?? '') : '' };
  } finally {
    await doc.destroy();
  }
}

/** Runs whose baselines lie within 2 pt form a line; a gap between runs becomes a space. */
function toLines(words: (TextBox & { base: number })[]): string[] {
  const sorted = [...words].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const lines: (TextBox & { base: number })[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.base - w.base) < 2) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) =>
    l
      .sort((a, b) => a.x0 - b.x0)
      .reduce((s, w, i) => (i === 0 ? w.text : s + (w.x0 - l[i - 1]!.x1 > 0.5 && !s.endsWith(' ') && !w.text.startsWith(' ') ? ' ' : '') + w.text), '')
      .trim(),
  );
}

/**
 * The text of each column of a table, between two headings: e.g. the RESULTADOS and HALLAZGOS
 * columns of section II. A column runs from its header's left edge to the next header's; repeated
 * headers, bullets and page footers are left out.
 */
export function tableColumns(pdf: PdfRead, from: string, to: string, headers: string[]): Record<string, string> {
  const words = pdf.pages.flatMap((p) => p.words.map((w) => ({ ...w, page: p.page })));
  const start = words.findIndex((w) => w.text.startsWith(from));
  const end = words.findIndex((w, i) => i > start && w.text.startsWith(to));
  if (start < 0 || end < 0) throw new Error(`headings «${from}» … «${to}» not found`);
  const inRange = words.slice(start + 1, end);
  const xs = headers.map((h) => inRange.find((w) => w.text.trim() === h)?.x0);
  if (xs.some((x) => x === undefined)) throw new Error(`column headers ${headers.join(', ')} not found`);
  const out: Record<string, string[]> = Object.fromEntries(headers.map((h) => [h, []]));
  for (const w of inRange) {
    const t = w.text.trim();
    if (headers.includes(t) || t === '•' || t.startsWith('Monitoreo y Seguimiento Oferta Pública')) continue;
    const col = xs.reduce<number>((found, x, i) => (w.x0 >= x! - 1 ? i : found), -1);
    if (col >= 0) out[headers[col]!]!.push(t);
  }
  return Object.fromEntries(
    Object.entries(out).map(([h, ts]) => [
      h,
      ts
        .join('\n')
        .normalize('NFC')
        .replace(/-\n(?=[a-záéíóúñ])/g, '')
        .replace(/\s+/g, ' '),
    ]),
  );
}
