import { isScalar, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSource } from '../load/load.js';
import { CONTROL } from '../load/decode.js';

/** Drawn in place of a character the ficha's font has no glyph for: visible, never a blank. */
export const REPLACEMENT = '\uFFFD';

/**
 * Right-to-left scripts and bidirectional controls: PDFKit lays text out left to right only, so
 * Hebrew (which the font has) would print reversed, brackets and all. Replaced, with a warning.
 */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * Characters the font cannot draw (CJK, emoji, scripts other than Latin): each text value that has
 * one gets it replaced by U+FFFD, and a warning at the first such character of the value. So does a
 * control character (load/decode.ts' CONTROL): a file holding one is refused when it is read, but a
 * YAML escape ("\a", "\x07", "\u0007") still writes one into a text value. Tabs in text values
 * become spaces.
 */
export function replaceUndrawable(source: LoadedSource, hasGlyph: (codePoint: number) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(source.doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      // A tab inside a text is a space (spreadsheets export them between words).
      const value = node.value.replace(/\t/g, ' ');
      if (value !== node.value) node.value = value;
      let first: string | undefined;
      let replaced = '';
      let changed = false;
      for (const ch of value) {
        const cp = ch.codePointAt(0)!;
        // A soft hyphen and a zero-width space are break marks the layout handles, never drawn as glyphs.
        if (!CONTROL.test(ch) && (cp < 0x80 || /\s/.test(ch) || cp === 0xad || cp === 0x200b || (!RTL.test(ch) && hasGlyph(cp)))) replaced += ch;
        else {
          first ??= ch;
          replaced += REPLACEMENT;
          changed = true;
        }
      }
      if (!changed) return;
      node.value = replaced;
      const start = node.range?.[0] ?? 0;
      const idx = source.text.indexOf(first!, start);
      const pos = source.lineCounter.linePos(idx >= 0 && idx < (node.range?.[1] ?? Infinity) ? idx : start);
      const cp = first!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      out.push({
        code: 'unsupported-character',
        severity: 'warning',
        message: CONTROL.test(first!)
          ? `carácter de control U+${cp} en el texto (escrito con un escape de YAML): se imprime como ${REPLACEMENT}`
          : RTL.test(first!)
            ? `la ficha no imprime escritura de derecha a izquierda ni controles bidireccionales («${first}», U+${cp}): se imprime como ${REPLACEMENT}`
            : `la fuente de la ficha no tiene el carácter «${first}» (U+${cp}): se imprime como ${REPLACEMENT}`,
        file: source.file,
        line: pos.line,
        column: pos.col,
      });
    },
  });
  return out;
}
