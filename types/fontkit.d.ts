declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    /** Every code point the font's character map covers. */
    characterSet: number[];
    layout(text: string): { advanceWidth: number; glyphs: unknown[] };
    glyphForCodePoint(codePoint: number): { id: number; codePoints: number[] };
    glyphsForString(text: string): { id: number; codePoints: number[] }[];
    getGlyph(id: number): object;
    createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
  }
  export function create(buffer: Buffer): Font;
  export function openSync(path: string): Font;
}
