import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import type { Theme } from '../layout/templates.js';

export type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONT_NAMES: readonly FontName[] = ['regular', 'bold', 'italic', 'boldItalic'];

const require = createRequire(import.meta.url);
const opened = new Map<string, { font: fontkit.Font; bytes: Buffer }>();
const digests = new WeakMap<fontkit.Font, string>();

/** A theme's font path: absolute, relative to the templates folder, or inside an npm package. */
export function resolveFontPath(spec: string, templatesDir: string): string {
  if (isAbsolute(spec)) return spec;
  if (spec.startsWith('.')) return resolve(templatesDir, spec);
  return require.resolve(spec);
}

/**
 * Each TTF is parsed once per process and the parsed font is reused by every document: registering
 * by path would re-parse it per document and miss PDFKit's font cache (STACK-NOTES).
 */
export function openFont(path: string): fontkit.Font {
  let entry = opened.get(path);
  if (!entry) {
    const bytes = readFileSync(path);
    entry = { font: fontkit.create(bytes), bytes };
    opened.set(path, entry);
  }
  return entry.font;
}

/** A short hash of an opened font's file: what caches of its shaped text are kept under. */
export function fontDigest(font: fontkit.Font): string {
  let digest = digests.get(font);
  if (!digest) {
    const bytes = [...opened.values()].find((e) => e.font === font)?.bytes;
    digest = bytes ? createHash('sha256').update(bytes).digest('hex').slice(0, 16) : 'unknown';
    digests.set(font, digest);
  }
  return digest;
}

export function themeFonts(theme: Theme, templatesDir: string): Record<FontName, fontkit.Font> {
  return Object.fromEntries(FONT_NAMES.map((n) => [n, openFont(resolveFontPath(theme.fonts[n], templatesDir))])) as Record<FontName, fontkit.Font>;
}

export function fontFor(bold?: boolean, italic?: boolean): FontName {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}
