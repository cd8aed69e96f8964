import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { aroundAddInfo, bufferPageContent, collectBytes, deflateStreamsWith, forgetFontFamilies, memoizeColors, useLayoutCache, writeLine, type Baseline } from '../../src/pdf/internals/pdfkitInternals.js';
import { keysAt } from '../../src/validate/zodInternals.js';
import { keepGlyphOutlines, lowestCodePoints } from '../../src/pdf/internals/fontkitInternals.js';
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { openFont } from '../../src/pdf/fonts.js';
import { inputSchema } from '../../src/validate/schema.js';
import type { Doc } from '../../src/pdf/struct.js';

/** One of the Arimo styles ficha's theme uses (`400Regular`, `700Bold`), as a file path. */
const arimo = (w: string) => createRequire(import.meta.url).resolve(`@expo-google-fonts/arimo/${w}/Arimo_${w}.ttf`);

/** Fails loudly when a library update changes the private state ficha relies on. */
describe("PDFKit's internals", () => {
  const doc = () => new PDFDocument({ autoFirstPage: true }) as unknown as Doc;
  it('_font.layoutCache: shaped words go into the shared cache', () => {
    const d = doc();
    d.font(arimo('400Regular'));
    const cache: Record<string, unknown> = Object.create(null);
    useLayoutCache(d, cache);
    d.text('Monitoreo y seguimiento');
    expect(Object.keys(cache).length).toBeGreaterThan(0);
  });
  it('_fontFamilies can be forgotten', () => {
    const d = doc();
    forgetFontFamilies(d);
    expect((d as unknown as { _fontFamilies: object })._fontFamilies).toEqual({});
  });
  // Uncompressed, the document outgrows the buffer it is gathered in (128 KB), twice.
  it.each([true, false])('_write and PDFPage.write: the bytes gathered without the stream, page content buffered, are the same (compress: %s)', async (compress) => {
    const draw = (d: Doc) => {
      d.font(arimo('400Regular'));
      d.text('Ficha de monitoreo', 50, 50).rect(40, 40, 200, 30).stroke('#336699');
      d.addPage().fontSize(9).text('Segunda página: O´Higgins, Ñuble, 4,5%', 50, 80);
      // ~300 KB of operators on one page: its buffer grows past its first size (32 KB), three times.
      for (let i = 0; i < 12000; i++) d.rect(10 + (i % 50) * 11, 100 + Math.floor(i / 200) * 9, 10.25, 8.5).stroke();
      d.switchToPage(0);
      d.text('pie de página 1 de 2', 50, 700);
    };
    const viaStream = new PDFDocument({ bufferPages: true, compress, info: { CreationDate: new Date(0) } }) as unknown as Doc;
    const chunks: Buffer[] = [];
    viaStream.on('data', (c: Buffer) => chunks.push(c));
    const streamed = new Promise<Buffer>((r) => viaStream.on('end', () => r(Buffer.concat(chunks))));
    draw(viaStream);
    viaStream.end();
    const gathered = new PDFDocument({ bufferPages: true, compress, info: { CreationDate: new Date(0) } }) as unknown as Doc;
    bufferPageContent(gathered);
    const bytes = collectBytes(gathered);
    draw(gathered);
    gathered.end();
    const [a, b] = [await streamed, await bytes];
    expect(a.length).toBeGreaterThan(compress ? 1000 : 256 * 1024);
    expect(a.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
    expect(Buffer.compare(a, b)).toBe(0);
  });
  it('PDFReference.finalize: a document given zlib options compresses its streams with them; the others as before', async () => {
    const render = async (options?: { level: number; memLevel: number }) => {
      const d = new PDFDocument({ compress: true, info: { CreationDate: new Date(0) } }) as unknown as Doc;
      if (options) deflateStreamsWith(d, options);
      const bytes = collectBytes(d);
      d.font(arimo('400Regular'));
      for (let i = 0; i < 40; i++) d.text(`Línea ${i} de la ficha de monitoreo y seguimiento, O´Higgins, Ñuble`, 50, 40 + i * 16);
      d.end();
      return bytes;
    };
    // Each stream's bytes, in order: /Length N >> stream\n … \nendstream.
    const streams = (pdf: Buffer) => {
      const out: Buffer[] = [];
      const text = pdf.toString('latin1');
      for (const m of text.matchAll(/\/Length (\d+)[^]*?stream\n/g)) out.push(pdf.subarray(m.index + m[0].length, m.index + m[0].length + Number(m[1])));
      return out;
    };
    const plain = await render();
    const fast = await render({ level: 1, memLevel: 9 });
    const again = await render();
    expect(Buffer.compare(plain, again)).toBe(0);
    const [a, b] = [streams(plain), streams(fast)];
    expect(a.length).toBeGreaterThanOrEqual(3); // page content, font file, ToUnicode map
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) {
      const content = inflateSync(a[i]!);
      expect(inflateSync(b[i]!)).toEqual(content);
      expect(a[i]).toEqual(deflateSync(content));
      expect(b[i]).toEqual(deflateSync(content, { level: 1, memLevel: 9 }));
    }
    expect(Buffer.compare(plain, fast)).not.toBe(0);
  });
  it('writeLine writes what text(…, { lineBreak: false, baseline }) writes, byte for byte', async () => {
    // Kerning pairs (AV, Ta, "Yo"), accents, tabs, runs of spaces, a combining accent (a glyph offset:
    // PDFKit's own path), the same words again, two embedded fonts and a standard one (Helvetica: PDFKit's own path).
    const lines = ['AVATAR Tasa “Yo” 4,5% O´Higgins', 'Ñuble\tAysén  del General Carlos Ibáñez', 'cafe\u0301 e\u0301', 'AVATAR Tasa “Yo”', ' ', ''];
    const baselines = ['top', 'alphabetic', 'middle', 'bottom'] as const;
    const render = async (line: (d: Doc, text: string, x: number, y: number, baseline: Baseline) => void) => {
      const d = new PDFDocument({ compress: false, info: { CreationDate: new Date(0) } }) as unknown as Doc;
      const bytes = collectBytes(d);
      for (const [page, font] of [arimo('400Regular'), arimo('700Bold'), 'Helvetica'].entries()) {
        if (page > 0) d.addPage();
        d.font(font).fontSize(8.5 + page).fillColor('#1a1a1a');
        for (const baseline of baselines) lines.forEach((text, i) => line(d, text, 56.69 + i, 700.25 - 12 * i, baseline));
      }
      d.end();
      return bytes;
    };
    const [viaText, viaWriteLine] = [await render((d, t, x, y, baseline) => void d.text(t, x, y, { lineBreak: false, baseline } as never)), await render(writeLine)];
    expect(viaText.toString('latin1')).toContain('] TJ');
    expect(viaText.toString('latin1')).toMatch(/> -?\d+(\.\d+)? </); // a kerned segment
    expect(viaWriteLine.toString('latin1')).toBe(viaText.toString('latin1'));
  });
  it('memoizeColors: fillColor, strokeColor, fill(color) and stroke(color) write what PDFKit writes, byte for byte, and leave the same state', async () => {
    // Hex (short and long) and named colours; the same colour again; a colour with an opacity (PDFKit's own path).
    const colors = ['#1f3a5f', '#fff', '#FFFFFF', 'black', 'darkslategray', '#1f3a5f', '#000000'];
    const render = async (memoize: boolean) => {
      const d = new PDFDocument({ compress: false, info: { CreationDate: new Date(0) } }) as unknown as Doc;
      if (memoize) memoizeColors(d);
      const bytes = collectBytes(d);
      const states: unknown[] = [];
      for (const color of colors) {
        d.fillColor(color);
        d.rect(10, 10, 20, 20).fill();
        states.push((d as unknown as { _fillColor: unknown })._fillColor);
        d.rect(10, 10, 20, 20).fill(color);
        d.fillColor(color, 0.5).text('x', 50, 50);
        states.push((d as unknown as { _fillColor: unknown })._fillColor);
        d.strokeColor(color);
        d.rect(10, 10, 20, 20).stroke();
        d.rect(10, 10, 20, 20).stroke(color);
      }
      d.end();
      return { bytes: (await bytes).toString('latin1'), states };
    };
    const [viaPdfkit, memoized] = [await render(false), await render(true)];
    expect(viaPdfkit.bytes).toContain('/DeviceRGB cs');
    expect(viaPdfkit.bytes).toContain('/DeviceRGB CS');
    expect(memoized.bytes).toBe(viaPdfkit.bytes);
    expect(memoized.states).toEqual(viaPdfkit.states);
  });
  it('writeLine: a document that shares shaped words with earlier ones numbers its glyphs as PDFKit would', async () => {
    const font = openFont(arimo('400Regular'));
    type Line = (d: Doc, text: string, x: number, y: number) => void;
    const render = async (cache: Record<string, unknown>, lines: string[], line: Line) => {
      const d = new PDFDocument({ compress: false, info: { CreationDate: new Date(0) } }) as unknown as Doc;
      const bytes = collectBytes(d);
      d.font(font as never).fontSize(9);
      useLayoutCache(d, cache);
      lines.forEach((text, i) => line(d, text, 56, 700 - 12 * i));
      d.end();
      return (await bytes).toString('latin1');
    };
    const viaText: Line = (d, t, x, y) => void d.text(t, x, y, { lineBreak: false });
    const shared: Record<string, unknown> = Object.create(null);
    await render(shared, ['Zona Ñuble: 4,5% Tasa', 'AVATAR Yo'], writeLine);
    const later = ['Tasa AVATAR', 'Yo Ñuble: Zona 4,5%'];
    const [afterOthers, byPdfkit] = [await render(shared, later, writeLine), await render(Object.create(null), later, viaText)];
    expect(afterOthers).toContain('] TJ');
    expect(afterOthers).toBe(byPdfkit);
  });
  it('_addInfo runs once, when the document ends', () => {
    const d = doc();
    let calls = 0;
    aroundAddInfo(d, (original) => {
      calls++;
      original();
    });
    d.end();
    expect(calls).toBe(1);
  });
});

describe("fontkit's internals", () => {
  it('the character map read through _cmapProcessor.lookup: each glyph with its lowest code point', () => {
    const font = openFont(arimo('400Regular'));
    const lowest = lowestCodePoints(font);
    expect(lowest.size).toBeGreaterThan(2000);
    const gid = (cp: number) => font.glyphForCodePoint(cp).id;
    expect(lowest.get(gid(0x41))).toBe(0x41);
    expect(lowest.get(gid(0xb4))).toBe(0xb4);
    expect(lowest.get(gid(0xf1))).toBe(0xf1);
  });
  it('glyph outlines kept (glyph._decode): decoded once, and the subset fontkit writes is the same', () => {
    const bytes = readFileSync(arimo('700Bold'));
    const [plain, kept] = [fontkit.create(bytes), fontkit.create(bytes)];
    keepGlyphOutlines(kept);
    // Accented capitals are composite glyphs (their components join the subset), "l" is simple.
    const ids = (f: fontkit.Font) => f.glyphsForString('ÑÁlO´').map((g) => g.id);
    const composite = kept.getGlyph(ids(kept)[0]!) as unknown as { _decode(): { numberOfContours: number } };
    expect(composite._decode().numberOfContours).toBeLessThan(0);
    expect(composite._decode()).toBe(composite._decode());
    const subset = (f: fontkit.Font) => {
      const s = f.createSubset();
      for (const id of ids(f)) s.includeGlyph(id);
      return Buffer.from(s.encode());
    };
    for (let i = 0; i < 2; i++) expect(subset(kept).equals(subset(plain))).toBe(true);
  });
});

describe("zod's internals", () => {
  it('the keys an object accepts, through defaults, pipes, arrays, records and unions', () => {
    expect(keysAt(inputSchema, ['poblacion', 'por_anio', '2022'])).toEqual(['objetivo', 'beneficiaria']);
    expect(keysAt(inputSchema, ['componentes', 0])).toEqual(['nombre', 'unidad', 'por_anio']);
    expect(keysAt(inputSchema, ['analisis', 'focalizacion', 'criterios'])).toEqual(['texto', 'valor', 'hallazgo', 'indicador']);
    expect(keysAt(inputSchema, [])).toContain('presupuesto');
  });
});
