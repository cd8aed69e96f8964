import type * as fontkit from 'fontkit';

/** fontkit's private state that ficha reads, behind one checked function (tests/pdf/internals.test.ts). */
class FontkitChanged extends Error {
  constructor(what: string) {
    super(`fontkit internals changed (${what}); see src/pdf/fontkitInternals.ts`);
  }
}

/**
 * The font's character map: each code point it covers, with its glyph id. fontkit's public
 * `glyphForCodePoint` would build a glyph object for each of the ~3,000 characters (~25 ms a font);
 * its cmap lookup (`_cmapProcessor.lookup`) does not.
 */
export function characterMap(font: fontkit.Font): [codePoint: number, glyph: number][] {
  const cmap = (font as unknown as { _cmapProcessor?: { lookup?: (cp: number) => number } })._cmapProcessor;
  if (typeof cmap?.lookup !== 'function') throw new FontkitChanged('font._cmapProcessor.lookup');
  const out: [number, number][] = [];
  for (const cp of font.characterSet) {
    const gid = cmap.lookup(cp);
    if (gid) out.push([cp, gid]);
  }
  return out;
}

/** Each glyph of the font's character map with the lowest code point that maps to it. */
export function lowestCodePoints(font: fontkit.Font): Map<number, number> {
  const lowest = new Map<number, number>();
  for (const [cp, gid] of characterMap(font)) if (!(lowest.get(gid)! <= cp)) lowest.set(gid, cp);
  return lowest;
}

interface GlyphInternals {
  _decode?: () => unknown;
}
interface FontInternals {
  layout?: unknown;
  getGlyph?: (id: number, ...rest: unknown[]) => GlyphInternals;
  _variationProcessor?: unknown;
}

/**
 * fontkit's TrueType subsetter decodes the whole outline of each glyph it embeds (every point of
 * every contour) to learn whether the glyph is composite, for every document: ~1.3 ms of each
 * ficha, and garbage. fontkit keeps one glyph object per id and font, and in a font without
 * variations an outline never changes, so each glyph of `font` keeps its first decoding.
 */
export function keepGlyphOutlines(font: fontkit.Font): void {
  const f = font as unknown as FontInternals;
  if (typeof f.layout !== 'function') return; // not a single font (a collection): PDFKit refuses it
  if (typeof f.getGlyph !== 'function') throw new FontkitChanged('font.getGlyph');
  if (f._variationProcessor) return;
  const getGlyph = f.getGlyph.bind(font);
  f.getGlyph = (id, ...rest) => {
    const glyph = getGlyph(id, ...rest);
    if (!Object.hasOwn(glyph, '_decode')) {
      if (typeof glyph._decode !== 'function') throw new FontkitChanged('glyph._decode');
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
}
