import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

export type { ExcelJS };

let loaded: typeof ExcelJS | undefined;

/**
 * exceljs, from the single-file build its package publishes (dist/exceljs.min.js) rather than its
 * main entry: the entry loads ~400 modules of its own and its dependencies' (~330 ms before the
 * first cell, on every `ficha render` that writes manifest.xlsx); the single file, ~60 ms. Same
 * library, same version, same output.
 */
export function excel(): typeof ExcelJS {
  loaded ??= createRequire(import.meta.url)('exceljs/dist/exceljs.min.js') as typeof ExcelJS;
  return loaded;
}

/** Excel's name of a 1-based column: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
