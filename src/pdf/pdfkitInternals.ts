import type { Doc } from './struct.js';

/**
 * The three places where ficha reaches into PDFKit's private state, each behind one function that
 * checks the shape it relies on and fails loudly (tests/pdf/internals.test.ts) when a PDFKit update
 * changes it, instead of silently rendering differently.
 */
class PdfkitChanged extends Error {
  constructor(what: string) {
    super(`PDFKit internals changed (${what}); see src/pdf/pdfkitInternals.ts`);
  }
}

interface Run {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}
interface EmbeddedFont {
  layoutCache?: unknown;
  layoutCached?: (text: string) => Run;
  layoutRun?: (text: string, features?: unknown) => Run;
  layout?: (text: string, features?: unknown, onlyWidth?: boolean) => { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };
}

/**
 * Makes the document's current font use `cache` for its shaped words (PDFKit's `_font.layoutCache`),
 * and lay out text as PDFKit's `EmbeddedFont.layout` does (word by word, through that cache) without
 * its garbage: it copies the glyph arrays once per word (`concat`) and allocates an array per
 * character to test for a space. Same glyphs, same positions, same widths.
 */
export function useLayoutCache(doc: Doc, cache: Record<string, unknown>): void {
  const font = (doc as unknown as { _font?: EmbeddedFont })._font;
  if (!font || typeof font.layoutCache !== 'object' || typeof font.layoutCached !== 'function' || typeof font.layoutRun !== 'function' || typeof font.layout !== 'function') {
    throw new PdfkitChanged('doc._font.layoutCache/layoutCached/layoutRun/layout');
  }
  font.layoutCache = cache;
  const layoutCached = font.layoutCached.bind(font);
  const layoutRun = font.layoutRun.bind(font);
  font.layout = (text: string, features?: unknown, onlyWidth?: boolean) => {
    if (features) return layoutRun(text, features);
    const glyphs: unknown[] | null = onlyWidth ? null : [];
    const positions: unknown[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    let last = 0;
    for (let index = 0; index <= text.length; index++) {
      const c = text.charCodeAt(index);
      // A word ends after a space or tab, or at the end of the text (as in PDFKit).
      if (index === text.length ? last < index : c === 32 || c === 9) {
        const run = layoutCached(text.slice(last, index + 1));
        if (glyphs && positions) {
          for (const g of run.glyphs) glyphs.push(g);
          for (const p of run.positions) positions.push(p);
        }
        advanceWidth += run.advanceWidth;
        last = index + 1;
      }
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** Forgets the font families opened so far (PDFKit's `_fontFamilies`). */
export function forgetFontFamilies(doc: Doc): void {
  const d = doc as unknown as { _fontFamilies?: unknown };
  if (!d._fontFamilies || typeof d._fontFamilies !== 'object') throw new PdfkitChanged('doc._fontFamilies');
  d._fontFamilies = {};
}

/** Runs `around` each time PDFKit writes the document info and XMP (its `_addInfo`). */
export function aroundAddInfo(doc: Doc, around: (original: () => void, info: Record<string, unknown>, setInfo: (i: Record<string, unknown>) => void) => void): void {
  const d = doc as unknown as { _addInfo?: () => void; info: Record<string, unknown> };
  if (typeof d._addInfo !== 'function') throw new PdfkitChanged('doc._addInfo');
  const original = d._addInfo;
  d._addInfo = function (this: typeof d) {
    around(
      () => original.call(this),
      this.info,
      (i) => (this.info = i),
    );
  };
}

/**
 * PDFKit turns every content operator it writes (`BT`, `1 0 0 1 56 700 Tm`, …) into its own byte
 * array; a ficha has tens of thousands of them. Each page's operators are kept as strings instead
 * and handed to PDFKit joined, once, when the page ends (or before anything else it writes there):
 * the same bytes, far less garbage. Relies on PDFPage's `write` and `end`.
 */
export function bufferPageContent(doc: Doc): void {
  const buffer = () => {
    const page = (doc as unknown as { page?: { write?: (chunk: unknown) => unknown; end?: () => unknown } }).page;
    if (!page || typeof page.write !== 'function' || typeof page.end !== 'function') throw new PdfkitChanged('PDFPage.write/end');
    const write = page.write.bind(page);
    const end = page.end.bind(page);
    const parts: string[] = [];
    const flush = () => {
      if (parts.length === 0) return;
      write(parts.join('\n'));
      parts.length = 0;
    };
    page.write = (chunk: unknown) => {
      if (typeof chunk === 'string') parts.push(chunk);
      else {
        flush();
        write(chunk);
      }
    };
    page.end = () => {
      flush();
      return end();
    };
  };
  doc.on('pageAdded', buffer);
}

/**
 * The document's bytes, gathered without PDFKit's stream: PDFKit pushes every line of every object
 * through a Node stream as its own byte array. Its `_write` is replaced by one that keeps the lines
 * as strings (PDFKit's are byte strings: one character per byte) and the stream data as is, and
 * keeps `_offset` (the cross-reference table's positions) as PDFKit does. The returned promise
 * resolves with the same bytes the stream would have given, when the document ends.
 */
export function collectBytes(doc: Doc): Promise<Buffer> {
  const d = doc as unknown as { _write?: (data: unknown) => void; _offset: number; push: (chunk: unknown) => boolean };
  if (typeof d._write !== 'function' || typeof d._offset !== 'number') throw new PdfkitChanged('doc._write/_offset');
  const parts: Buffer[] = [];
  // What PDFKit wrote before (the header, in its constructor) waits in the stream's buffer.
  const head = (doc as unknown as { read(): Buffer | null }).read();
  if (head) parts.push(head);
  let lines: string[] = [];
  const flushLines = () => {
    if (lines.length === 0) return;
    lines.push('');
    parts.push(Buffer.from(lines.join('\n'), 'latin1'));
    lines = [];
  };
  d._write = (data: unknown) => {
    if (data instanceof Uint8Array) {
      flushLines();
      parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      d._offset += data.length;
    } else {
      const line = String(data);
      lines.push(line);
      d._offset += line.length + 1;
    }
  };
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('error', reject);
    doc.on('end', () => {
      flushLines();
      resolve(Buffer.concat(parts));
    });
    // A stream only ends once it flows; anything still pushed by PDFKit (nothing, now) is kept.
    doc.on('data', (chunk: Buffer) => {
      flushLines();
      parts.push(chunk);
    });
  });
}

/**
 * One line of text at (x, y), as `doc.text(text, x, y, { lineBreak: false })` draws it, without
 * what text() does around it: it measures the text twice more (for the width of links and
 * underlines, which ficha never draws, and to move the cursor, which ficha never uses). Calls
 * PDFKit's `_fragment` with the options text() would have given it. `text` has no line breaks.
 */
export function writeLine(doc: Doc, text: string, x: number, y: number): void {
  const d = doc as unknown as { _fragment?: (text: string, x: number, y: number, options: object) => void };
  if (typeof d._fragment !== 'function') throw new PdfkitChanged('doc._fragment');
  d._fragment(text, x, y, { lineBreak: false, columns: 0, columnGap: 18, rotation: 0, textWidth: 0, wordCount: 0 });
}
