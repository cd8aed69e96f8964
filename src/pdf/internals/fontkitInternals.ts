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

interface Coverage {
  version?: number;
  glyphs?: ArrayLike<number>;
  rangeRecords?: { start: number; end: number }[];
}
interface PosTable {
  version?: number;
  lookupType?: number;
  extension?: PosTable;
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
  coverage?: Coverage;
  coverages?: Coverage[];
  inputCoverage?: Coverage[];
  /** A pair adjustment's format for the second glyph: which of its values are given. */
  valueFormat2?: Record<string, boolean>;
}
interface LayoutTable {
  featureVariations?: unknown;
  lookupList?: { toArray(): { lookupType: number; subTables: Iterable<PosTable> }[] };
}

/**
 * Whether, of all the GSUB and GPOS lookups of the font (in any feature, default or not), only
 * pair adjustments (GPOS type 2) can act at any of `glyphs`, and none of them moves the second
 * glyph of a pair: a text made of these glyphs alone then comes out of fontkit's layout as its
 * characters one by one, each pair kerned on its own. A lookup acts at a glyph only when the glyph
 * is in its first coverage (fontkit's GSUBProcessor/GPOSProcessor.applyLookup); a mark attachment
 * acts at a mark, so it counts when one of `glyphs` is in its mark coverage. False when a lookup
 * is of a kind this does not know, or when the font lays out with AAT tables instead.
 */
export function onlyPairKerningActsOn(font: fontkit.Font, glyphs: ReadonlySet<number>): boolean {
  const f = font as unknown as { GSUB?: LayoutTable; GPOS?: LayoutTable; morx?: unknown };
  if (!f.GSUB && !f.GPOS && f.morx) return false;
  for (const [tag, extension] of [['GSUB', 7], ['GPOS', 9]] as const) {
    const table = f[tag];
    if (!table) continue;
    if (typeof table.lookupList?.toArray !== 'function') throw new FontkitChanged(`font.${tag}.lookupList`);
    if (table.featureVariations) return false;
    for (const lookup of table.lookupList.toArray()) {
      for (const sub of lookup.subTables) {
        const [type, t] = lookup.lookupType === extension ? [sub.lookupType, sub.extension] : [lookup.lookupType, sub];
        if (!t || type === undefined) return false;
        const covered = coverageGlyphs(firstCoverage(tag, type, t));
        if (!covered) return false;
        if (!covered.some((g) => glyphs.has(g))) continue;
        if (tag === 'GSUB' || type !== 2) return false;
        if (!t.valueFormat2 || Object.values(t.valueFormat2).some(Boolean)) return false;
      }
    }
  }
  return true;
}

/** Which of a subtable's coverages a glyph must be in for the lookup to act there. */
type FirstCoverage = 'coverage' | 'markCoverage' | 'mark1Coverage' | 'context' | 'chained context';

/** By table and lookup type, as fontkit's GSUBProcessor and GPOSProcessor.applyLookup look: a type not here is not known. */
const FIRST_COVERAGE: Record<'GSUB' | 'GPOS', Partial<Record<number, FirstCoverage>>> = {
  // single, multiple, alternate, ligature, context, chained context, reverse chained
  GSUB: { 1: 'coverage', 2: 'coverage', 3: 'coverage', 4: 'coverage', 5: 'context', 6: 'chained context', 8: 'coverage' },
  // single, pair, cursive, mark to base, mark to ligature, mark to mark, context, chained context
  GPOS: { 1: 'coverage', 2: 'coverage', 3: 'coverage', 4: 'markCoverage', 5: 'markCoverage', 6: 'mark1Coverage', 7: 'context', 8: 'chained context' },
};

/** The coverage a glyph must be in for a lookup of `type` in `tag` to act there; undefined for a type this does not know. */
function firstCoverage(tag: 'GSUB' | 'GPOS', type: number | undefined, table: PosTable): Coverage | undefined {
  const first = type === undefined ? undefined : FIRST_COVERAGE[tag][type];
  // A (chained) context lookup's first input coverage: format 3 lists one per input glyph.
  if (first === 'context' || first === 'chained context') return table.version === 3 ? (first === 'context' ? table.coverages : table.inputCoverage)?.[0] : table.coverage;
  return first && table[first];
}

/** The glyphs a coverage table lists (format 1) or spans (format 2); null for one this does not know. */
function coverageGlyphs(c: Coverage | undefined): number[] | null {
  if (c?.version === 1 && c.glyphs) return Array.from(c.glyphs);
  if (c?.version === 2 && c.rangeRecords) return c.rangeRecords.flatMap((r) => Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i));
  return null;
}
