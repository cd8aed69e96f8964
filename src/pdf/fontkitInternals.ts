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
