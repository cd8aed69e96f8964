import type * as fontkit from 'fontkit';
import { DiskCache } from '../cache/diskCache.js';
import { fontDigest } from './fonts.js';
import { lowestCodePoints, onlyPairKerningActsOn } from './internals/fontkitInternals.js';

/**
 * Numbers laid out without fontkit. A ficha prints a few hundred numbers, nearly all of them
 * different from one ficha to the next (amounts, percentages, years), and each was shaped by fontkit
 * (30–40 µs), kept in the shaped-word caches and written to the cache folder: in a year's batch
 * nine words in ten were numbers, which pushed the real words out of those caches.
 *
 * In a font where only pair kerning acts at the characters numbers are written with (checked in its
 * GSUB and GPOS tables: onlyPairKerningActsOn), fontkit lays out such a word as its characters one
 * by one, each pair kerned on its own. So each character's glyph and each pair's kerning are taken
 * from fontkit once per font file (kept in the cache folder), every pair is checked to come out of
 * fontkit that way, and a number is composed from them: the same glyphs, positions and widths,
 * without shaping and without being cached. A word with a character or a pair that does not pass
 * is shaped as before.
 */

/** The characters a number can be written with, and the space that ends a word (PDFKit's words). */
const CHARACTERS = '0123456789.,%+-()$/: ';

/** A glyph as PDFKit reads it (id, advance in font units, the characters it stands for). */
interface RunGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** A run as PDFKit's EmbeddedFont.layoutRun makes it: positions scaled to 1000 units per em. */
export interface ComposedRun {
  glyphs: RunGlyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/** What is kept per font file: each character's [code, glyph id, advance, lowest code point of the glyph], and each pair's kerning (null: not composable), row by row. */
interface Table {
  characters: [number, number, number, number][];
  kerning: (number | null)[];
}

export interface NumberRuns {
  /** The word's width in ems, or undefined when it is not a number this can compose. */
  width(word: string): number | undefined;
  /** The word's run as PDFKit would shape it, or undefined when it is not a number this can compose. */
  run(word: string): ComposedRun | undefined;
}

/** fontkit's layout of a text, as far as this reads it (positions in font units). */
interface Layout {
  glyphs: { id: number; advanceWidth: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}
const layout = (font: fontkit.Font, text: string) => font.layout(text) as unknown as Layout;

const NONE = -1;
const ofFont = new WeakMap<fontkit.Font, NumberRuns | null>();
let tables: DiskCache<Table | { none: true }> | undefined;

/** The font's number composer, or null when its tables let other lookups act at these characters. */
export function numberRuns(font: fontkit.Font): NumberRuns | null {
  let runs = ofFont.get(font);
  if (runs === undefined) {
    tables ??= new DiskCache('number-runs-1', 64);
    const key = fontDigest(font);
    let table = key === 'unknown' ? undefined : tables.get(key);
    if (!table || !('none' in table || (Array.isArray(table.characters) && Array.isArray(table.kerning)))) {
      table = tableOf(font) ?? { none: true };
      if (key !== 'unknown') tables.set(key, table);
    }
    ofFont.set(font, (runs = 'none' in table ? null : composer(table, 1000 / font.unitsPerEm, font.unitsPerEm)));
  }
  return runs;
}

/** Shapes each character and each pair with fontkit, and checks that every number composes. */
function tableOf(font: fontkit.Font): Table | undefined {
  const characters: Table['characters'] = [];
  const single = new Map<string, Layout>();
  const lowest = lowestCodePoints(font);
  for (const c of CHARACTERS) {
    const run = layout(font, c);
    const [g, p] = [run.glyphs[0], run.positions[0]];
    // One glyph of the character map, advancing by its own width and not moved.
    if (run.glyphs.length !== 1 || !g || !p || !g.id || lowest.get(g.id) === undefined || p.xAdvance !== g.advanceWidth || p.yAdvance || p.xOffset || p.yOffset) continue;
    characters.push([c.charCodeAt(0), g.id, g.advanceWidth, lowest.get(g.id)!]);
    single.set(c, run);
  }
  if (!characters.some(([code]) => code >= 48 && code <= 57)) return undefined;
  if (!onlyPairKerningActsOn(font, new Set(characters.map(([, id]) => id)))) return undefined;
  const kerning: Table['kerning'] = [];
  for (const [a] of characters) {
    for (const [b] of characters) {
      const [ca, cb] = [String.fromCharCode(a), String.fromCharCode(b)];
      const pair = layout(font, ca + cb);
      const [ra, rb] = [single.get(ca)!, single.get(cb)!];
      const same = (i: number, r: Layout, xAdvance: boolean) =>
        pair.glyphs[i]?.id === r.glyphs[0]!.id && (!xAdvance || pair.positions[i]!.xAdvance === r.positions[0]!.xAdvance) && ['yAdvance', 'xOffset', 'yOffset'].every((k) => pair.positions[i]![k as 'yAdvance'] === r.positions[0]![k as 'yAdvance']);
      kerning.push(pair.glyphs.length === 2 && same(0, ra, false) && same(1, rb, true) ? pair.positions[0]!.xAdvance - ra.positions[0]!.xAdvance : null);
    }
  }
  const table = { characters, kerning };
  // Longer numbers, as a ficha prints them, must come out as composed (a check of the reasoning).
  const check = composer(table, 1, font.unitsPerEm);
  for (const text of ['1.234.567 ', '-12,5% ', '(45,3%) ', '2022-2025 ', '111.111,11 ', '$ 1.000 ', '10/11 ', '12:30 ', '+0,5 ']) {
    const run = check.run(text);
    if (!run) continue;
    const real = layout(font, text);
    if (real.glyphs.length !== run.glyphs.length || real.glyphs.some((g, i) => g.id !== run.glyphs[i]!.id || real.positions[i]!.xAdvance !== run.positions[i]!.xAdvance || real.positions[i]!.xOffset || real.positions[i]!.yOffset)) return undefined;
  }
  return table;
}

/** Composes numbers from a font's table, positions scaled by `scale` as PDFKit does. */
function composer(table: Table, scale: number, unitsPerEm: number): NumberRuns {
  const n = table.characters.length;
  const index = new Int8Array(128).fill(NONE);
  const glyphs: RunGlyph[] = [];
  const advances: number[] = [];
  table.characters.forEach(([code, id, advance, lowest], i) => {
    index[code] = i;
    // Shared by every run (PDFKit only reads glyphs), and shaped as restored runs' glyphs are.
    glyphs.push({ id, advanceWidth: advance, codePoints: [lowest] });
    advances.push(advance);
  });
  // NaN: a pair that does not compose.
  const kerning = Float64Array.from(table.kerning, (k) => k ?? NaN);
  /** Whether the word is a number this composes: its characters and pairs in the table, a digit among them (a word that starts with a letter is refused at once). */
  const composes = (word: string): boolean => {
    let digit = false;
    let previous = NONE;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      const row = c < 128 ? index[c]! : NONE;
      if (row === NONE || (previous !== NONE && Number.isNaN(kerning[previous * n + row]))) return false;
      if (c >= 48 && c <= 57) digit = true;
      previous = row;
    }
    return digit;
  };
  // Advance in font units of the glyph at `i` of a word that composes: its own, plus the kerning with the next.
  const xAdvance = (word: string, i: number) => {
    const row = index[word.charCodeAt(i)]!;
    return advances[row]! + (i + 1 < word.length ? kerning[row * n + index[word.charCodeAt(i + 1)]!]! : 0);
  };
  return {
    width(word) {
      if (!composes(word)) return undefined;
      let width = 0;
      for (let i = 0; i < word.length; i++) width += xAdvance(word, i);
      return width / unitsPerEm;
    },
    run(word) {
      if (!composes(word)) return undefined;
      const run: ComposedRun = { glyphs: [], positions: [], advanceWidth: 0 };
      for (let i = 0; i < word.length; i++) {
        const row = index[word.charCodeAt(i)]!;
        const x = xAdvance(word, i) * scale;
        run.glyphs.push(glyphs[row]!);
        run.positions.push({ xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advances[row]! * scale });
        run.advanceWidth += x;
      }
      return run;
    },
  };
}
