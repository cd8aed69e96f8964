import * as fontkit from 'fontkit';
import type { Theme } from '../layout/templates.js';
import { fontBytes, fontFileDigest } from './fontFiles.js';
import { keepGlyphOutlines } from './internals/fontkitInternals.js';
import { writeSubsetsFast } from './internals/trueTypeSubset.js';
import { FONT_NAMES, resolveFontPath, type FontName } from '../themeFonts.js';

export { FONT_NAMES, resolveFontPath, type FontName } from '../themeFonts.js';

const opened = new Map<string, fontkit.Font>();
const paths = new WeakMap<fontkit.Font, string>();

/**
 * Each TTF is parsed once per process and the parsed font is reused by every document: registering
 * by path would re-parse it per document and miss PDFKit's font cache.
 */
export function openFont(path: string): fontkit.Font {
  const known = opened.get(path);
  if (known) return known;
  const font = fontkit.create(fontBytes(path));
  keepGlyphOutlines(font);
  writeSubsetsFast(font);
  opened.set(path, font);
  paths.set(font, path);
  return font;
}

/** A short hash of an opened font's file: what caches of its shaped text are kept under. */
export function fontDigest(font: fontkit.Font): string {
  const path = paths.get(font);
  return path ? fontFileDigest(path) : 'unknown';
}

export function themeFonts(theme: Theme, templatesDir: string): Record<FontName, fontkit.Font> {
  return Object.fromEntries(FONT_NAMES.map((n) => [n, openFont(resolveFontPath(theme.fonts[n], templatesDir))])) as Record<FontName, fontkit.Font>;
}

