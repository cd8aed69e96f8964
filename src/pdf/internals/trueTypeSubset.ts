import type * as fontkit from 'fontkit';

/**
 * A faster writer of fontkit's TrueType subsets, byte for byte what fontkit's TTFSubset.encode
 * writes (tests/pdf/trueTypeSubset.test.ts compares them). fontkit re-encodes every table of every
 * subset through its generic struct encoder, clones the font's head, hhea and maxp tables for it,
 * and re-reads each glyph's outline and metrics: ~1 ms of each ficha, and garbage. Yet only four
 * things change from one subset to the next: the glyphs (their outline bytes, copied as they are),
 * their offsets (loca), their metrics (hmtx) and two counts (maxp.numGlyphs, hhea.numberOfMetrics).
 *
 * So, per font, fontkit writes one subset (the empty one: glyph 0) and that file is the template:
 * the constant tables are kept as bytes, and each glyph's bytes and metrics are read once. A font
 * whose template is not laid out as expected (another table order, padding, a CFF or variable
 * font) keeps fontkit's own writer.
 */

interface Subset {
  glyphs: number[];
  includeGlyph: (id: number) => number;
  encode: () => Uint8Array;
}
interface Glyph {
  advanceWidth: number;
  _decode: () => { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics: () => { leftBearing: number };
}
interface TrueTypeFont {
  createSubset: () => Subset;
  getGlyph: (id: number) => Glyph;
  loca?: { version: number; offsets: number[] };
  _getTableStream: (tag: string) => { pos: number; readBuffer: (length: number) => Uint8Array } | null;
  _variationProcessor?: unknown;
  directory: { tables: Record<string, unknown> };
}

/** A glyph as a subset embeds it: its outline bytes, the glyphs it is made of, its metrics. */
interface GlyphData {
  bytes: Uint8Array;
  /** For a composite glyph: each component's glyph id and where that id is written in `bytes`. */
  components: [id: number, pos: number][] | null;
  advance: number;
  bearing: number;
}

interface Template {
  /** Bytes 4-11 of the table directory: numTables, searchRange, entrySelector, rangeShift. */
  header: Uint8Array;
  /** Each table in file order: its tag and, for a table that does not change, its bytes. */
  tables: { tag: string; bytes: Uint8Array }[];
  longOffsets: boolean;
  glyphs: Map<number, GlyphData>;
}

/** The tables fontkit writes into a TrueType subset, in its order; those marked false are optional. */
const TABLE_ORDER: [tag: string, required: boolean][] = [
  ['head', true],
  ['hhea', true],
  ['loca', true],
  ['maxp', true],
  ['cvt ', false],
  ['prep', false],
  ['glyf', true],
  ['hmtx', true],
  ['fpgm', false],
];

const tagOf = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** The template of `font`, or null when fontkit's subsets of it are not what this writer writes. */
function templateOf(font: TrueTypeFont, createSubset: () => Subset): Template | null {
  if (font._variationProcessor || !font.directory.tables.glyf || !font.loca) return null;
  const subset = createSubset();
  if (subset.glyphs.length !== 1 || subset.glyphs[0] !== 0) return null;
  const file = subset.encode();
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (tagOf(file, 0) !== 'true') return null;
  const count = view.getUint16(4);
  const tables: Template['tables'] = [];
  let expected = 12 + 16 * count;
  let order = 0;
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = tagOf(file, at);
    while (order < TABLE_ORDER.length && TABLE_ORDER[order]![0] !== tag) {
      if (TABLE_ORDER[order]![1]) return null;
      order++;
    }
    if (order === TABLE_ORDER.length) return null;
    order++;
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (view.getUint32(at + 4) !== 0 || offset !== expected) return null;
    expected += length;
    tables.push({ tag, bytes: file.slice(offset, offset + length) });
  }
  if (expected !== file.length || TABLE_ORDER.some(([tag, required]) => required && !tables.some((t) => t.tag === tag))) return null;
  const table = (tag: string) => tables.find((t) => t.tag === tag)!.bytes;
  // The counts this writer sets: one glyph, one metric, in the template.
  const count16 = (b: Uint8Array, at: number) => (b.length >= at + 2 ? (b[at]! << 8) | b[at + 1]! : -1);
  if (count16(table('maxp'), 4) !== 1 || count16(table('hhea'), 34) !== 1 || table('hhea').length !== 36) return null;
  const longOffsets = font.loca.version !== 0;
  if (table('loca').length !== (longOffsets ? 8 : 4) || table('hmtx').length !== 4) return null;
  return { header: file.slice(4, 12), tables, longOffsets, glyphs: new Map() };
}

/** What fontkit's TTFSubset._addGlyph reads of a glyph, read once. */
function glyphData(font: TrueTypeFont, template: Template, id: number): GlyphData {
  let data = template.glyphs.get(id);
  if (data) return data;
  const glyph = font.getGlyph(id);
  const outline = glyph._decode();
  const offsets = font.loca!.offsets;
  const stream = font._getTableStream('glyf')!;
  stream.pos += offsets[id]!;
  const bytes = Uint8Array.from(stream.readBuffer(offsets[id + 1]! - offsets[id]!));
  const components = outline && outline.numberOfContours < 0 ? outline.components!.map((c): [number, number] => [c.glyphID, c.pos]) : null;
  data = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
  template.glyphs.set(id, data);
  return data;
}

/** The subset's font file, as fontkit's TTFSubset.encode writes it (and adding composites' parts to it as it does). */
function encodeSubset(font: TrueTypeFont, template: Template, subset: Subset): Uint8Array {
  const glyphs: GlyphData[] = [];
  const remapped: (Uint8Array | null)[] = [];
  let glyfLength = 0;
  // The list grows as composite glyphs add their components.
  for (let i = 0; i < subset.glyphs.length; i++) {
    const data = glyphData(font, template, subset.glyphs[i]!);
    let bytes: Uint8Array | null = null;
    if (data.components) {
      bytes = data.bytes.slice();
      for (const [id, pos] of data.components) {
        const gid = subset.includeGlyph(id);
        bytes[pos] = gid >> 8;
        bytes[pos + 1] = gid & 0xff;
      }
    }
    glyphs.push(data);
    remapped.push(bytes);
    glyfLength += data.bytes.length;
  }
  const n = glyphs.length;
  const lengths: Record<string, number> = { loca: (n + 1) * (template.longOffsets ? 4 : 2), glyf: glyfLength, hmtx: 4 * n };
  const tableLength = (t: Template['tables'][number]) => lengths[t.tag] ?? t.bytes.length;
  let size = 12 + 16 * template.tables.length;
  for (const t of template.tables) size += tableLength(t);

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x74, 0x72, 0x75, 0x65]); // 'true'
  out.set(template.header, 4);
  let offset = 12 + 16 * template.tables.length;
  template.tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    const length = tableLength(t);
    for (let k = 0; k < 4; k++) out[at + k] = t.tag.charCodeAt(k);
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, length);
    switch (t.tag) {
      case 'loca': {
        let glyphOffset = 0;
        for (let g = 0; g <= n; g++) {
          if (template.longOffsets) view.setUint32(offset + 4 * g, glyphOffset);
          else view.setUint16(offset + 2 * g, glyphOffset >>> 1);
          if (g < n) glyphOffset += glyphs[g]!.bytes.length;
        }
        break;
      }
      case 'glyf': {
        let at = offset;
        glyphs.forEach((g, k) => {
          out.set(remapped[k] ?? g.bytes, at);
          at += g.bytes.length;
        });
        break;
      }
      case 'hmtx':
        glyphs.forEach((g, k) => {
          view.setUint16(offset + 4 * k, g.advance);
          view.setInt16(offset + 4 * k + 2, g.bearing);
        });
        break;
      default:
        out.set(t.bytes, offset);
        if (t.tag === 'maxp') view.setUint16(offset + 4, n);
        if (t.tag === 'hhea') view.setUint16(offset + 34, n);
    }
    offset += length;
  });
  return out;
}

/**
 * Makes every subset of `font` (one per document that embeds it) written by this module's writer,
 * when the font's template allows it. Call once per font, when it is opened.
 */
export function writeSubsetsFast(font: fontkit.Font): void {
  const f = font as unknown as TrueTypeFont;
  if (typeof f.createSubset !== 'function' || typeof f.getGlyph !== 'function' || typeof f._getTableStream !== 'function' || !f.directory?.tables) return;
  const createSubset = f.createSubset.bind(f);
  const probe = createSubset();
  if (typeof probe.encode !== 'function' || typeof probe.includeGlyph !== 'function' || !Array.isArray(probe.glyphs)) return;
  // A CFF font's subset is another class, with another writer.
  if ((probe as unknown as { cff?: unknown }).cff != null) return;
  let template: Template | null | undefined;
  f.createSubset = () => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      if (template === undefined) template = templateOf(f, createSubset);
      return template ? encodeSubset(f, template, subset) : encode();
    };
    return subset;
  };
}
