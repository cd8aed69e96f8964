import type { CsvSeparator } from '../batch/manifest.js';

/** --csv-sep's separator; undefined (after saying why) for another. */
export function csvSeparatorOf(text: string | undefined): CsvSeparator | undefined {
  const sep = text ?? ',';
  if (sep === ',' || sep === ';') return sep;
  console.error(`--csv-sep: se esperaba «,» (para programas) o «;» (para Excel en español); se encontró «${sep}»`);
  return undefined;
}
