declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    layout(text: string): { advanceWidth: number; glyphs: unknown[] };
  }
  export function create(buffer: Buffer): Font;
  export function openSync(path: string): Font;
}
