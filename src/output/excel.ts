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
