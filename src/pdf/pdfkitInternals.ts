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

/** Makes the document's current font use `cache` for its shaped words (PDFKit's `_font.layoutCache`). */
export function useLayoutCache(doc: Doc, cache: Record<string, unknown>): void {
  const font = (doc as unknown as { _font?: { layoutCache?: unknown } })._font;
  if (!font || typeof font.layoutCache !== 'object') throw new PdfkitChanged('doc._font.layoutCache');
  (font as { layoutCache: Record<string, unknown> }).layoutCache = cache;
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
