import { deflateSync, type ZlibOptions } from 'node:zlib';
import type { Doc } from '../struct.js';

/**
 * The places where ficha reaches into PDFKit's private state, each behind one function that
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
 * Calls `fn` with each word of `text` as PDFKit's EmbeddedFont.layout splits it: a word ends after a
 * space or tab, or at the end of the text. Stops, returning false, when `fn` returns false.
 */
function eachWord(text: string, fn: (word: string) => boolean | void): boolean {
  let last = 0;
  for (let index = 0; index <= text.length; index++) {
    const c = text.charCodeAt(index);
    if (index === text.length ? last < index : c === 32 || c === 9) {
      if (fn(text.slice(last, index + 1)) === false) return false;
      last = index + 1;
    }
  }
  return true;
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
    eachWord(text, (word) => {
      const run = layoutCached(word);
      if (glyphs && positions) {
        for (const g of run.glyphs) glyphs.push(g);
        for (const p of run.positions) positions.push(p);
      }
      advanceWidth += run.advanceWidth;
    });
    return { glyphs, positions, advanceWidth };
  };
}

/** Forgets the font families opened so far (PDFKit's `_fontFamilies`). */
export function forgetFontFamilies(doc: Doc): void {
  const d = doc as unknown as { _fontFamilies?: unknown };
  if (!d._fontFamilies || typeof d._fontFamilies !== 'object') throw new PdfkitChanged('doc._fontFamilies');
  d._fontFamilies = {};
}

interface ColorDoc {
  _normalizeColor: (color: unknown) => unknown;
  spotColors?: Record<string, unknown>;
  addContent: (data: string) => unknown;
  fillColor: (color: unknown, opacity?: number) => unknown;
  strokeColor: (color: unknown, opacity?: number) => unknown;
  _fillColor?: unknown;
}
/** Per colour as written in the theme ('#1f3a5f', 'black'): its colour space and components, as PDFKit writes them. */
const colorOperands = new Map<string, [space: string, components: string] | null>();

/**
 * Makes the document's `fillColor` and `strokeColor` (and so `fill(color)` and `stroke(color)`)
 * write a colour without opacity from a memo of its operators (`/DeviceRGB cs`,
 * `0.12 0.23 0.37 scn`) instead of parsing the colour and formatting its components again for
 * every line of text, cell and chart mark (PDFKit's `_setColorCore`). Same operators, same state
 * (tests/pdf/internals.test.ts compares them); anything but an RGB or CMYK colour given as a
 * string (a spot colour, a gradient, an opacity) goes to PDFKit's own.
 */
export function memoizeColors(doc: Doc): void {
  const d = doc as unknown as ColorDoc;
  if (typeof d._normalizeColor !== 'function' || typeof d.addContent !== 'function' || typeof d.fillColor !== 'function' || typeof d.strokeColor !== 'function') {
    throw new PdfkitChanged('doc._normalizeColor/addContent/fillColor/strokeColor');
  }
  const [fill, stroke] = [d.fillColor.bind(d), d.strokeColor.bind(d)];
  const operands = (color: unknown, opacity: unknown) => {
    if (typeof color !== 'string' || opacity !== undefined || d.spotColors?.[color] !== undefined) return null;
    let known = colorOperands.get(color);
    if (known === undefined) {
      const c = d._normalizeColor(color);
      known = Array.isArray(c) && (c.length === 3 || c.length === 4) && c.every((x) => typeof x === 'number') ? [c.length === 4 ? 'DeviceCMYK' : 'DeviceRGB', c.join(' ')] : null;
      colorOperands.set(color, known);
    }
    return known;
  };
  // The colour space and colour operators, lower case for filling and upper case for stroking.
  const memoized = (plain: ColorDoc['fillColor'], space: string, set: string, after?: (color: unknown) => void): ColorDoc['fillColor'] => (color, opacity) => {
    const o = operands(color, opacity);
    if (!o) return plain(color, opacity);
    d.addContent(`/${o[0]} ${space}`);
    d.addContent(`${o[1]} ${set}`);
    after?.(color);
    return d;
  };
  d.fillColor = memoized(fill, 'cs', 'scn', (color) => (d._fillColor = [color, undefined]));
  d.strokeColor = memoized(stroke, 'CS', 'SCN');
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
 * array; a ficha has tens of thousands of them. Each page's operators are written instead into one
 * growing byte buffer of the page, handed to PDFKit once, when the page ends (or before anything
 * else it writes there): the same bytes, far less garbage. Relies on PDFPage's `write` and `end`.
 */
export function bufferPageContent(doc: Doc): void {
  const buffer = () => {
    const page = (doc as unknown as { page?: { write?: (chunk: unknown) => unknown; end?: () => unknown } }).page;
    if (!page || typeof page.write !== 'function' || typeof page.end !== 'function') throw new PdfkitChanged('PDFPage.write/end');
    const write = page.write.bind(page);
    const end = page.end.bind(page);
    let sink = new ByteSink(PAGE_BYTES);
    const flush = () => {
      if (sink.length === 0) return;
      write(sink.bytes());
      sink = new ByteSink(PAGE_BYTES);
    };
    page.write = (chunk: unknown) => {
      if (typeof chunk === 'string') sink.line(chunk);
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

/** A page's content to start with: most ficha pages hold 15-50 KB. */
const PAGE_BYTES = 32 * 1024;

/**
 * Bytes written one after another into a buffer that grows as needed. Strings are written as
 * PDFKit's PDFReference.write and PDFDocument._write turn them into bytes (the low byte of each
 * character, as latin1 does, and a newline after), straight from the string: PDFKit builds them by
 * concatenation, and joining them first would copy each into a flat string of its own.
 */
class ByteSink {
  private buffer: Buffer;
  length = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + n));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  line(text: string): void {
    this.room(text.length + 1);
    this.length += this.buffer.write(text, this.length, 'latin1');
    this.buffer[this.length++] = 0x0a;
  }

  write(data: Uint8Array): void {
    this.room(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** What was written (a view of the buffer: nothing may be written after). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** What was written, in a buffer of its own (one a worker can hand over without a copy). */
  take(): Buffer {
    return this.length === this.buffer.length ? this.buffer : Buffer.from(this.bytes());
  }
}

interface StreamRef {
  document: unknown;
  compress: boolean;
  buffer: Uint8Array[];
  finalize: () => void;
}
const DEFLATE = Symbol('ficha.deflate');

/**
 * Compresses the document's streams (page content, fonts, ToUnicode maps, the ICC profile, the
 * attached YAML) with zlib's `options` instead of its defaults, which PDFKit always uses. PDFKit
 * compresses a stream in PDFReference.finalize, after marking it /FlateDecode as it was written;
 * here finalize compresses it first, with the options, and PDFKit writes the result as is. The
 * wrap is installed once on PDFReference's prototype and acts only for documents given options.
 */
export function deflateStreamsWith(doc: Doc, options: ZlibOptions): void {
  const root = (doc as unknown as { _root?: StreamRef })._root;
  const proto = root && (Object.getPrototypeOf(root) as StreamRef & { [DEFLATE]?: true });
  if (!proto || typeof proto.finalize !== 'function' || typeof root.compress !== 'boolean' || !Array.isArray(root.buffer)) {
    throw new PdfkitChanged('PDFReference.finalize/compress/buffer');
  }
  (doc as unknown as { [DEFLATE]: ZlibOptions })[DEFLATE] = options;
  if (proto[DEFLATE]) return;
  const finalize = proto.finalize;
  proto.finalize = function (this: StreamRef) {
    const opts = (this.document as { [DEFLATE]?: ZlibOptions })[DEFLATE];
    if (opts && this.compress && this.buffer.length) {
      this.buffer = [deflateSync(this.buffer.length === 1 ? this.buffer[0]! : Buffer.concat(this.buffer), opts)];
      this.compress = false;
    }
    finalize.call(this);
  };
  proto[DEFLATE] = true;
}

/**
 * The document's bytes, gathered without PDFKit's stream: PDFKit pushes every line of every object
 * through a Node stream as its own byte array. Its `_write` is replaced by one that writes the lines
 * (PDFKit's are byte strings: one character per byte) and the stream data into one buffer, and
 * keeps `_offset` (the cross-reference table's positions) as PDFKit does. The returned promise
 * resolves with the same bytes the stream would have given, when the document ends.
 */
export function collectBytes(doc: Doc): Promise<Buffer> {
  const d = doc as unknown as { _write?: (data: unknown) => void; _offset: number; push: (chunk: unknown) => boolean };
  if (typeof d._write !== 'function' || typeof d._offset !== 'number') throw new PdfkitChanged('doc._write/_offset');
  const out = new ByteSink(DOCUMENT_BYTES);
  // What PDFKit wrote before (the header, in its constructor) waits in the stream's buffer.
  const head = (doc as unknown as { read(): Buffer | null }).read();
  if (head) out.write(head);
  d._write = (data: unknown) => {
    if (data instanceof Uint8Array) {
      out.write(data);
      d._offset += data.length;
    } else {
      const line = String(data);
      out.line(line);
      d._offset += line.length + 1;
    }
  };
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('error', reject);
    doc.on('end', () => resolve(out.take()));
    // A stream only ends once it flows; anything still pushed by PDFKit (nothing, now) is kept.
    doc.on('data', (chunk: Buffer) => out.write(chunk));
  });
}

/** A ficha's PDF to start with: most are 80-120 KB. */
const DOCUMENT_BYTES = 128 * 1024;

interface Position {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
interface LineFont {
  /** fontkit's font, for a font embedded from a file. */
  font?: { layout?: unknown };
  id: string;
  ascender: number;
  descender: number;
  layoutCached: (text: string) => { glyphs: { id: number; advanceWidth: number; codePoints: number[] }[]; positions: Position[] };
  subset: { includeGlyph: (id: number) => number };
  widths: number[];
  unicode: number[][];
  scale: number;
  ref: () => unknown;
}
interface LineDoc {
  _font: LineFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown>; write: (chunk: string) => void };
  _fragment: (text: string, x: number, y: number, options: object) => void;
}

/** The `baseline` options of PDFKit's text() that ficha uses. */
export type Baseline = 'top' | 'alphabetic' | 'middle' | 'bottom';

/** PDFKit's number formatting (PDFObject.number). */
const num = (n: number) => Math.round(n * 1e6) / 1e6;

/** Four hex digits of a subset's glyph id, as PDFKit writes them. */
const hex4: string[] = [];
const hexOf = (gid: number) => hex4[gid] ?? (hex4[gid] = `0000${gid.toString(16)}`.slice(-4));

/**
 * What follows each glyph of a shaped word in a TJ array: '' or, after a glyph whose advance is not
 * its width (kerning), the segment break `> -74.2 <`, as PDFKit's `_fragment` writes it; null for a
 * word with a glyph offset from the baseline, which PDFKit's own path draws. Kept on the shaped run
 * in PDFKit's per-font layout cache, so it lives as long as the run does.
 */
const AFTER = Symbol('ficha.afterGlyphs');
type ShapedRun = ReturnType<LineFont['layoutCached']> & { [AFTER]?: string[] | null };

function afterGlyphs(run: ShapedRun): string[] | null {
  let after = run[AFTER];
  if (after !== undefined) return after;
  after = [];
  for (const pos of run.positions) {
    if (pos.xOffset || pos.yOffset) {
      after = null;
      break;
    }
    const diff = pos.xAdvance - pos.advanceWidth;
    after.push(diff !== 0 ? `> ${num(-diff)} <` : '');
  }
  return (run[AFTER] = after);
}

/**
 * Per font of one document (a subset numbers its glyphs in the order of first use): word -> TJ
 * text, and glyph id -> the hex of its id in the subset.
 */
interface DocumentFont {
  words: Map<string, string | null>;
  hex: (string | undefined)[];
}
const documentFonts = new WeakMap<LineFont, DocumentFont>();

/**
 * A word's part of a TJ array: its glyphs' subset ids in hex, each followed by what `afterGlyphs`
 * says; null for a word with a glyph offset from the baseline. Registers the glyphs with the subset
 * as PDFKit's EmbeddedFont.encode does: the id, width and text of each first use.
 */
function encodeWord(font: LineFont, hex: (string | undefined)[], word: string): string | null {
  const run: ShapedRun = font.layoutCached(word);
  const after = afterGlyphs(run);
  if (after === null) return null;
  const glyphs = run.glyphs;
  let out = '';
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i]!;
    let h = hex[glyph.id];
    if (h === undefined) {
      const gid = font.subset.includeGlyph(glyph.id);
      if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
      hex[glyph.id] = h = hexOf(gid);
    }
    out += h + after[i]!;
  }
  return out;
}

/**
 * One line of text at (x, y), as `doc.text(text, x, y, { lineBreak: false })` draws it: PDFKit's
 * `_fragment` for a left-aligned line in the current font, size and colour, written operator for
 * operator as `_fragment` writes it, byte for byte (tests/pdf/internals.test.ts compares them),
 * without its garbage: `_fragment` copies the line's glyphs and positions into new arrays, makes a
 * string per glyph and an array per segment. Registers the glyphs with the font's subset in the
 * order `_fragment` would. `text` has no line breaks; a line with a glyph offset from the baseline
 * (none in Arimo's Latin text) goes to `_fragment` itself.
 */
export function writeLine(doc: Doc, text: string, x: number, y: number, baseline: Baseline = 'top'): void {
  const d = doc as unknown as LineDoc;
  const font = d._font;
  if (typeof d._fragment !== 'function') throw new PdfkitChanged('doc._fragment');
  if (text.length === 0) return;
  // A standard PDF font (Helvetica…: no font file, no subset) goes through PDFKit's own path.
  if (typeof font?.font?.layout !== 'function') return fragment(d, text, x, y, baseline);
  if (typeof font.layoutCached !== 'function' || typeof font.subset?.includeGlyph !== 'function' || !Array.isArray(font.widths) || !Array.isArray(font.unicode)) {
    throw new PdfkitChanged('_font.layoutCached/subset/widths/unicode');
  }
  if (text.includes('\n')) return fragment(d, text, x, y, baseline);
  let docFont = documentFonts.get(font);
  if (!docFont) documentFonts.set(font, (docFont = { words: new Map(), hex: [] }));
  const { words, hex } = docFont;
  let tj = '[<';
  let open = false;
  const encodable = eachWord(text, (word) => {
    let encoded = words.get(word);
    if (encoded === undefined) words.set(word, (encoded = encodeWord(font, hex, word)));
    if (encoded === null) return false;
    if (encoded) {
      tj += encoded;
      open = !encoded.endsWith(' <');
    }
  });
  if (!encodable) return fragment(d, text, x, y, baseline);
  const page = d.page;
  const size = d._fontSize;
  const dy = (baselineOffset(font, baseline) / 1000) * size;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  // The last segment ends with the last glyph's advance difference, 0 unless it closed a segment.
  const show = tj.length === 2 ? '' : open ? `${tj}> 0] TJ\n` : `${tj.slice(0, -2)}] TJ\n`;
  // PDFKit writes each operator as a line; one write of the lines is the same bytes.
  page.write(`q\n1 0 0 -1 0 ${num(page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(page.height - y - dy)} Tm\n/${font.id} ${num(size)} Tf\n${show}ET\nQ`);
}

/** What `y` is, as PDFKit's `baseline` option: the top of the font's box, its baseline, middle or bottom. */
function baselineOffset(font: LineFont, baseline: Baseline): number {
  switch (baseline) {
    case 'top':
      return font.ascender;
    case 'alphabetic':
      return 0;
    case 'middle':
      return 0.5 * (font.descender + font.ascender);
    case 'bottom':
      return font.descender;
  }
}

/** PDFKit's own `_fragment`, with the options `text()` would have given it. */
function fragment(d: LineDoc, text: string, x: number, y: number, baseline: Baseline): void {
  d._fragment(text, x, y, { lineBreak: false, columns: 0, columnGap: 18, rotation: 0, textWidth: 0, wordCount: 0, baseline });
}
