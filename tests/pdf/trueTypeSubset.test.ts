import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { writeSubsetsFast } from '../../src/pdf/internals/trueTypeSubset.js';

const resolve = createRequire(import.meta.url).resolve;
// Arimo (ficha's fonts: long loca offsets, a prep table, ~1,000 composite glyphs) and Liberation
// Sans from pdfjs-dist (short offsets, cvt, fpgm and prep tables).
const FONTS = [
  '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
  '@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf',
  '@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf',
  'pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf',
];

type Subset = { includeGlyph(id: number): number; encode(): Uint8Array; glyphs: number[] };
type Font = Omit<fontkit.Font, 'createSubset'> & { createSubset(): Subset; numGlyphs: number };

/** A small deterministic generator, so that a failure can be reproduced. */
function random(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

describe('TrueType subsets written without fontkit’s encoder', () => {
  for (const path of FONTS) {
    it(`are byte for byte fontkit’s: ${path.split('/').at(-1)}`, () => {
      const bytes = readFileSync(resolve(path));
      const reference = fontkit.create(bytes) as Font;
      const fast = fontkit.create(bytes) as Font;
      writeSubsetsFast(fast as unknown as fontkit.Font);
      const next = random(path.length);
      for (let round = 0; round < 40; round++) {
        const ids = Array.from({ length: 1 + Math.floor(next() * 120) }, () => Math.floor(next() * reference.numGlyphs));
        const [a, b] = [reference.createSubset(), fast.createSubset()];
        for (const id of ids) expect(b.includeGlyph(id)).toBe(a.includeGlyph(id));
        const [expected, actual] = [a.encode(), b.encode()];
        // Composite glyphs add their components to the subset, in the same order.
        expect(b.glyphs).toEqual(a.glyphs);
        expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
      }
    });
  }

  it('does not go through fontkit’s encoder once the font’s template is made', () => {
    const font = fontkit.create(readFileSync(resolve(FONTS[0]!))) as Font;
    writeSubsetsFast(font as unknown as fontkit.Font);
    font.createSubset().encode(); // the template: fontkit's own encoding of glyph 0
    const subset = font.createSubset() as Subset & { _addGlyph(id: number): number };
    const proto = Object.getPrototypeOf(subset) as { _addGlyph(id: number): number };
    const addGlyph = proto._addGlyph;
    let calls = 0;
    proto._addGlyph = function (this: unknown, id: number) {
      calls++;
      return addGlyph.call(this, id);
    };
    try {
      for (const id of [36, 68, 200, 1000]) subset.includeGlyph(id);
      subset.encode();
    } finally {
      proto._addGlyph = addGlyph;
    }
    expect(calls).toBe(0);
  });
});
