import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LIMITS } from './limits.js';

/**
 * Input bytes -> text. Refuses what is not UTF-8 with the position of the first bad byte (and says
 * when the file looks like Latin-1 or UTF-16) and files over the size limit.
 * A UTF-8 byte order mark is dropped.
 */
export function decodeSource(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const fail = (code: string, message: string, line = 1, column = 1): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ code, severity: 'error', message, file, line, column }],
  });
  if (bytes.length > LIMITS.fileBytes) {
    return fail('file-too-large', `el archivo tiene ${bytes.length.toLocaleString('es-CL')} bytes: el máximo es ${LIMITS.fileBytes.toLocaleString('es-CL')} (2 MB)`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)) {
    return fail('not-utf8', 'el archivo está codificado en UTF-16: guárdelo como UTF-8 (en el editor, «Guardar como» con codificación UTF-8)');
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const { line, column } = positionOfByte(bytes, bad);
    const latin1 = looksLatin1(bytes, bad);
    return fail(
      'not-utf8',
      `el archivo no es UTF-8 válido: byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} en la posición ${bad}` +
        (latin1 ? '; parece estar en Latin-1 (ISO-8859-1 o Windows-1252): guárdelo como UTF-8' : '; guárdelo como UTF-8'),
      line,
      column,
    );
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, diagnostics: [] };
}

/**
 * Tab, newline and carriage return are text; every other C0/C1 control, DEL and U+FFFE/U+FFFF are
 * not: they print nothing and the templates' XML cannot carry them.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

export function findControlCharacter(text: string): { line: number; column: number; message: string } | undefined {
  const m = CONTROL.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index).split('\n');
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return {
    line: before.length,
    column: before[before.length - 1]!.length + 1,
    message: `carácter de control U+${code} no permitido en el archivo (sólo se admiten tabulación y salto de línea): bórrelo o reemplácelo por un espacio`,
  };
}

function firstInvalidUtf8(b: Uint8Array): number | undefined {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return undefined;
}

/** Bytes 0xC0-0xFF standing alone among ASCII: accented letters of Latin-1. */
function looksLatin1(b: Uint8Array, at: number): boolean {
  const c = b[at]!;
  return c >= 0xa0 && (b[at + 1] === undefined || b[at + 1]! < 0x80);
}

/** Many zero bytes in the first few hundred: UTF-16 without a byte order mark. */
function looksUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 400);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  return n >= 4 && zeros > n / 4;
}

function positionOfByte(b: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) if (b[i] === 0x0a) (line++, (start = i + 1));
  // The column counts characters, not bytes, as editors do.
  const column = new TextDecoder('utf-8').decode(b.subarray(start, at)).length + 1;
  return { line, column };
}
