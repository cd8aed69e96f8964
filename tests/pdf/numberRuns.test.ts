import { mkdtempSync, readdirSync } from 'node:fs';
import { readStamped } from '../../src/cache/stamped.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { numberRuns } from '../../src/pdf/numberRuns.js';
import { openFont, resolveFontPath, FONT_NAMES } from '../../src/pdf/fonts.js';
import { lowestCodePoints, onlyPairKerningActsOn } from '../../src/pdf/internals/fontkitInternals.js';
import { numbersCodec } from '../../src/cache/codecs.js';
import { num, pct } from '../../src/format/format.js';
import { REFERENCE_YAML } from '../helpers.js';
import { inFreshThread } from '../fresh/thread.js';
import theme from '../../templates/theme.json' with { type: 'json' };

const TEMPLATES = new URL('../../templates/', import.meta.url).pathname;
const fonts = FONT_NAMES.map((name) => [name, openFont(resolveFontPath(theme.fonts[name], TEMPLATES))] as const);

/** What PDFKit's EmbeddedFont.layoutRun makes of a word, with each glyph's lowest code point (shaping.ts). */
function shaped(font: fontkit.Font, word: string) {
  const run = font.layout(word) as unknown as { glyphs: { id: number; advanceWidth: number }[]; positions: Record<string, number>[] };
  const scale = 1000 / font.unitsPerEm;
  const lowest = lowestCodePoints(font);
  const positions = run.positions.map((p, i) => ({ xAdvance: p.xAdvance! * scale, yAdvance: p.yAdvance! * scale, xOffset: p.xOffset! * scale, yOffset: p.yOffset! * scale, advanceWidth: run.glyphs[i]!.advanceWidth * scale }));
  return {
    glyphs: run.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: [lowest.get(g.id)] })),
    positions,
    advanceWidth: positions.reduce((w, p) => w + p.xAdvance, 0),
  };
}

/** Numbers as a ficha prints them, and strings of the same characters in any order. */
function words(): string[] {
  const out = ['11 ', '111', '1.111.111 ', '-11,1% ', '(2022-2025) ', '$ 1.000 ', '10/11 ', '12:30', '+0,5 ', '2024'];
  for (const n of [0, 7, 11, 1234, -98765.4321, 1111111, 0.05, 100]) for (const d of [0, 1, 2]) out.push(num(n, d), `${pct(n, d)} `);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const chars = '0123456789.,%+-()$/: ';
  for (let i = 0; i < 300; i++) {
    let w = String(Math.floor(random() * 10));
    for (let k = Math.floor(random() * 9); k > 0; k--) w += chars[Math.floor(random() * chars.length)];
    out.push(random() < 0.5 ? w : `${chars[Math.floor(random() * chars.length)]}${w}`);
  }
  return out;
}

describe('numbers composed without shaping', () => {
  it.each(fonts)('in %s, each number comes out as fontkit shapes it: glyphs, characters, positions, width', (_name, font) => {
    const composer = numberRuns(font);
    expect(composer).not.toBeNull();
    let kerned = 0;
    for (const word of words()) {
      const expected = shaped(font, word);
      const run = composer!.run(word);
      expect(run, word).toBeDefined();
      expect({ ...run!, glyphs: run!.glyphs.map((g) => ({ ...g, codePoints: [...g.codePoints] })) }, word).toEqual(expected);
      expect(composer!.width(word), word).toBe((font.layout(word) as unknown as { advanceWidth: number }).advanceWidth / font.unitsPerEm);
      if (expected.positions.some((p) => p.xAdvance !== p.advanceWidth)) kerned++;
    }
    // Arimo kerns "11": composing without the pairs' kerning would fail above.
    expect(kerned).toBeGreaterThan(10);
  });

  it('leaves to shaping a word with a letter, another character, or no digit', () => {
    const composer = numberRuns(fonts[0]![1])!;
    for (const word of ['2022a', 'año ', 'N/A', '1\t', '1–2', '% ', '']) {
      expect(composer.run(word), word).toBeUndefined();
      expect(composer.width(word), word).toBeUndefined();
    }
  });

  it('is used only when nothing but pair kerning acts at those glyphs in the font', () => {
    const coverage = (glyphs: number[]) => ({ version: 1, glyphs });
    const table = (lookups: { lookupType: number; subTables: object[] }[]) => ({ lookupList: { toArray: () => lookups } });
    const pair = (second: Record<string, boolean> = { xAdvance: false }) => ({ lookupType: 2, subTables: [{ version: 1, coverage: coverage([20, 21]), valueFormat2: second }] });
    const font = (f: object) => f as unknown as fontkit.Font;
    const digits = new Set([19, 20, 21]);
    expect(onlyPairKerningActsOn(font({ GPOS: table([pair()]) }), digits)).toBe(true);
    // A pair adjustment that moves the second glyph, a ligature, a contextual substitution of a digit.
    expect(onlyPairKerningActsOn(font({ GPOS: table([pair({ xPlacement: true })]) }), digits)).toBe(false);
    expect(onlyPairKerningActsOn(font({ GSUB: table([{ lookupType: 4, subTables: [{ coverage: coverage([19]) }] }]) }), digits)).toBe(false);
    expect(onlyPairKerningActsOn(font({ GSUB: table([{ lookupType: 6, subTables: [{ version: 3, inputCoverage: [coverage([5]), coverage([19])] }] }]) }), digits)).toBe(true);
    expect(onlyPairKerningActsOn(font({ GSUB: table([{ lookupType: 6, subTables: [{ version: 3, inputCoverage: [{ version: 2, rangeRecords: [{ start: 15, end: 25 }] }] }] }]) }), digits)).toBe(false);
    // Behind an extension lookup, and a kind this does not know.
    expect(onlyPairKerningActsOn(font({ GPOS: table([{ lookupType: 9, subTables: [{ lookupType: 1, extension: { coverage: coverage([21]) } }] }]) }), digits)).toBe(false);
    expect(onlyPairKerningActsOn(font({ GPOS: table([{ lookupType: 42, subTables: [{}] }]) }), digits)).toBe(false);
  });

  it('a ficha with its numbers composed is the same PDF as with every number shaped, and no number goes to the word caches', async () => {
    const numbers = /^[-+($]?[0-9][0-9.,%)]* ?$/;
    // Each in a new thread; with shapeNumbers, numberRuns.ts is swapped for a stand-in that composes none.
    const render = async (shapeNumbers: boolean) => {
      const dir = mkdtempSync(join(tmpdir(), 'ficha-numbers-'));
      const replace = shapeNumbers ? { [new URL('../../src/pdf/numberRuns.ts', import.meta.url).href]: new URL('../fresh/noNumberRuns.ts', import.meta.url).href } : undefined;
      const scenarios = new URL('../fresh/scenarios.ts', import.meta.url);
      const { pdfs } = await inFreshThread<{ pdfs: Uint8Array[] }>(scenarios, 'renderAll', [[{ file: 'r.yaml', text: REFERENCE_YAML }]], { env: { FICHA_CACHE_DIR: dir }, replace });
      const pdf = Buffer.from(pdfs[0]!);
      const files = readdirSync(dir).filter((f) => /^(pdfkit-runs|widths)-.*\.bin$/.test(f));
      const keys = files.flatMap((f) => [...numbersCodec.decode(readStamped(join(dir, f))!).keys()]);
      expect(keys.length).toBeGreaterThan(100);
      return { pdf, numberKeys: keys.filter((k) => numbers.test(k)) };
    };
    const composed = await render(false);
    const shaped = await render(true);
    expect(composed.numberKeys).toEqual([]);
    expect(shaped.numberKeys.length).toBeGreaterThan(50);
    expect(Buffer.compare(composed.pdf, shaped.pdf)).toBe(0);
  });
});
