import type * as fontkit from 'fontkit';
import { cacheDir } from '../cache/cacheDir.js';
import { DiskCache } from '../cache/diskCache.js';
import { numbersCodec } from '../cache/codecs.js';
import { fontDigest } from './fonts.js';
import { lowestCodePoints } from './internals/fontkitInternals.js';
import { numberRuns } from './numberRuns.js';

/**
 * Shaped text: what fontkit makes of a word (glyphs after OpenType substitution, positions after
 * kerning), as the layout measures it and as PDFKit writes it.
 *
 * Two things are done here. First, the text each glyph stands for, which PDFKit writes into the
 * PDF's ToUnicode map, is made a function of the glyph alone. fontkit keeps one glyph object per
 * glyph id per process, with the characters of the first text that produced it, so the same ficha
 * could map a glyph differently depending on what the process had rendered before (an acute
 * accent mapped to U+00B4 or to nothing). Each glyph of the character map now stands for its
 * lowest code point; other glyphs (ligatures) keep what fontkit gives.
 *
 * Second, shaping is the slowest part of a first ficha (the first word of each font parses its
 * layout tables, ~50 ms, and every word is shaped twice: to measure it and to write it). It
 * depends only on the font file and the text, so both results are kept in the cache folder, per
 * font file, and a later process reads them instead of shaping again: the PDF is the same.
 */

/** A glyph as PDFKit reads it (id, advance in font units, the characters it stands for). */
interface RunGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A shaped run as PDFKit keeps it: glyphs, positions scaled to 1000 units per em, total advance. */
interface PdfkitRun {
  glyphs: RunGlyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/** [advanceWidth, then per glyph: id, advanceWidth, xAdvance, yAdvance, xOffset, yOffset, position's advanceWidth, code points…, -1] */
type StoredRun = ArrayLike<number>;

function store(run: PdfkitRun): number[] {
  const out = [run.advanceWidth];
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]!;
    out.push(g.id, g.advanceWidth, p.xAdvance, p.yAdvance, p.xOffset, p.yOffset, p.advanceWidth, ...g.codePoints, -1);
  });
  return out;
}

function restore(s: StoredRun | undefined): PdfkitRun | undefined {
  if (!s || s.length === 0) return undefined;
  const run: PdfkitRun = { glyphs: [], positions: [], advanceWidth: s[0]! };
  let i = 1;
  while (i < s.length) {
    if (i + 7 > s.length) return undefined;
    const glyph = { id: s[i]!, advanceWidth: s[i + 1]!, codePoints: [] as number[] };
    const position = { xAdvance: s[i + 2]!, yAdvance: s[i + 3]!, xOffset: s[i + 4]!, yOffset: s[i + 5]!, advanceWidth: s[i + 6]! };
    i += 7;
    while (i < s.length && s[i] !== -1) glyph.codePoints.push(s[i++]!);
    if (s[i] !== -1) return undefined;
    i++;
    run.glyphs.push(glyph);
    run.positions.push(position);
  }
  return run;
}

/** Words shaped by fontkit and words read back from the cache folder, in this process (for tests). */
export const shapingStats = { shaped: 0, fromCache: 0 };

interface FontCaches {
  runs: DiskCache<StoredRun>;
  /** [width in ems] */
  widths: DiskCache<ArrayLike<number>>;
  lowest?: Map<number, number>;
}
const perFont = new Map<string, FontCaches>();

function cachesOf(font: fontkit.Font): FontCaches {
  const key = fontDigest(font);
  let c = perFont.get(key);
  if (!c) {
    // Version 2: no numbers (numberRuns.ts). Version 1's files were nine tenths numbers, which no
    // render looks up any more: they go.
    const dir = cacheDir();
    for (const f of ['pdfkit-runs', 'widths']) DiskCache.remove(`${f}-${key}`, numbersCodec, dir);
    perFont.set(key, (c = { runs: new DiskCache(`pdfkit-runs-2-${key}`, 16_000, dir, numbersCodec, 4_000), widths: new DiskCache(`widths-2-${key}`, 15_000, dir, numbersCodec, 4_000) }));
  }
  return c;
}

/** Word widths (in ems, each as a one-number array) as the layout measures them, per font file. */
export function widthCache(font: fontkit.Font): DiskCache<ArrayLike<number>> {
  return cachesOf(font).widths;
}

/** The run's glyphs, each standing for the same characters whatever was shaped before. */
function canonical(font: fontkit.Font, caches: FontCaches, run: PdfkitRun): PdfkitRun {
  const lowest = (caches.lowest ??= lowestCodePoints(font));
  run.glyphs = run.glyphs.map((g) => {
    const cp = lowest.get(g.id);
    return { id: g.id, advanceWidth: g.advanceWidth, codePoints: cp === undefined ? [...g.codePoints] : [cp] };
  });
  return run;
}

/**
 * PDFKit's per-font cache of shaped text (`memory`), through which every word PDFKit writes or
 * measures passes: a word it shapes gets canonical glyphs (the run is changed in place, before
 * PDFKit encodes it) and is kept in the cache folder; a word not yet in memory is looked up there.
 * A number is composed instead (numberRuns.ts), and kept nowhere.
 */
export function shapedRuns(font: fontkit.Font, memory: Record<string, unknown>): Record<string, unknown> {
  const caches = cachesOf(font);
  const numbers = numberRuns(font);
  return new Proxy(memory, {
    get(target, text) {
      const hit = target[text as string];
      if (hit !== undefined || typeof text !== 'string') return hit;
      const composed = numbers?.run(text);
      if (composed) return composed;
      const run = restore(caches.runs.get(text));
      if (run) {
        target[text] = run;
        shapingStats.fromCache++;
      }
      return run;
    },
    set(target, text, run: PdfkitRun) {
      target[text as string] = canonical(font, caches, run);
      shapingStats.shaped++;
      if (typeof text === 'string') caches.runs.set(text, store(run));
      return true;
    },
  });
}
