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
  }
  export function create(buffer: Buffer): Font;
  export function openSync(path: string): Font;
}
