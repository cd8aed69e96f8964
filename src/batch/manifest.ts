import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../output/write.js';
import { printedNumber } from '../format/format.js';

export type { Estado, Manifest, ManifestRow } from './manifestRow.js';
import type { Manifest, ManifestRow } from './manifestRow.js';

export const COLUMNS: (keyof ManifestRow)[] = [
  'entrada', 'programa_id', 'anio', 'fecha', 'programa', 'servicio', 'ministerio', 'metodologia', 'estado', 'pdf', 'paginas', 'bytes', 'sha256', 'ms',
  'advertencias', 'errores', 'clave', 'cobertura', 'ejecucion_inicial', 'ejecucion_final', 'gasto_total', 'gasto_por_beneficiario', 'moneda_anio',
];

/** The figures of a row, which format 1 kept as printed text. */
const FIGURES = ['cobertura', 'ejecucion_inicial', 'ejecucion_final', 'gasto_total', 'gasto_por_beneficiario'] as const;

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';
export const MANIFEST_XLSX = 'manifest.xlsx';

/**
 * The manifest of a folder; none yet is an empty one. A damaged one is an error the caller reports.
 * A format 1 manifest (an earlier version's) is read as format 2: its printed figures as numbers.
 */
export function readManifest(path: string): Manifest {
  if (!existsSync(path)) return { formato: 2, filas: [] };
  const data = JSON.parse(readFileSync(path, 'utf8')) as { formato?: unknown; filas?: unknown };
  if ((data?.formato !== 1 && data?.formato !== 2) || !Array.isArray(data.filas)) throw new Error(`${path} no es un manifiesto de ficha (formato 1 o 2)`);
  const filas = data.filas as ManifestRow[];
  if (data.formato === 1) {
    for (const r of filas as unknown as Record<string, unknown>[]) {
      for (const f of FIGURES) r[f] = typeof r[f] === 'string' ? printedNumber(r[f]) : null;
      r.fecha ??= '';
      r.moneda_anio ??= null;
    }
  }
  return { formato: 2, filas };
}

const SLUG = /^[a-z0-9-]*$/;

/**
 * Program ids in Spanish order. Two valid ids (slugs: a-z, 0-9, "-") compare as their characters'
 * codes, which is the same order (tests/batch/manifest.test.ts); only an invalid input's id needs
 * ICU's collator, whose first use loads its data (~15 ms of every `render`).
 */
export function compareIds(a: string, b: string): number {
  if (SLUG.test(a) && SLUG.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b, 'es');
}

/** Rows sorted as the manifest keeps them: by programa.id, then year, then input path. */
export function sortRows(rows: ManifestRow[]): ManifestRow[] {
  return [...rows].sort(
    (a, b) => compareIds(a.programa_id, b.programa_id) || (a.anio ?? 0) - (b.anio ?? 0) || (a.entrada < b.entrada ? -1 : a.entrada > b.entrada ? 1 : 0),
  );
}

/**
 * Rows of `previous` that this run did not touch, plus this run's rows: one row per input. A row
 * whose PDF another input now writes is dropped (that ficha belongs to the other input now).
 */
export function updateRows(previous: ManifestRow[], current: ManifestRow[]): ManifestRow[] {
  const touched = new Set(current.map((r) => r.entrada));
  const pdfs = new Set(current.filter((r) => r.pdf).map((r) => r.pdf));
  return sortRows([...previous.filter((r) => !touched.has(r.entrada) && !(r.pdf && pdfs.has(r.pdf))), ...current]);
}

/** The CSV's field separator: `,` (RFC 4180, for programs) or `;` (what Excel opens directly in es-CL). */
export type CsvSeparator = ',' | ';';

/** Writes `manifest.json`, `manifest.csv` and `manifest.xlsx` into `dir`, each atomically. */
export async function writeManifest(dir: string, rows: ManifestRow[], csvSeparator: CsvSeparator = ','): Promise<void> {
  const manifest: Manifest = { formato: 2, filas: sortRows(rows) };
  writeAtomic(dir, MANIFEST_JSON, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  writeAtomic(dir, MANIFEST_CSV, Buffer.from(toCsv(manifest.filas, csvSeparator), 'utf8'));
  // exceljs is loaded only here: a batch pays for it once, at its end.
  const { manifestWorkbook } = await import('./manifestXlsx.js');
  writeAtomic(dir, MANIFEST_XLSX, await manifestWorkbook(manifest.filas));
}

/**
 * CSV with a UTF-8 byte order mark, so that spreadsheets read the accents right. With `,` it is
 * RFC 4180 and numbers have a decimal point (for programs); with `;` numbers have a decimal comma,
 * as Excel set to es-CL reads a CSV it opens with a double click.
 */
export function toCsv(rows: ManifestRow[], separator: CsvSeparator = ','): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'number' && separator === ';' ? String(v).replace('.', ',') : String(v);
    return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[COLUMNS.join(separator), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(separator))].join('\r\n')}\r\n`;
}

/** Two rows that say different things of one ficha (its PDF, or its input). */
export interface MergeConflict {
  ficha: string;
  rows: ManifestRow[];
}

/**
 * Several shards' manifests as one, oldest first. Rows of the same input with the same result are
 * one row. Two rows of one ficha (same PDF or same input) that disagree (another sha256, another
 * state) are a conflict: listed, unless `preferNewest`, which keeps the later manifest's row.
 */
export function mergeManifests(manifests: Manifest[], preferNewest = false): { rows: ManifestRow[]; conflicts: MergeConflict[] } {
  const byFicha = new Map<string, ManifestRow>();
  const conflicts = new Map<string, ManifestRow[]>();
  // 'generada' and 'sin cambios' both say the PDF is current.
  const state = (r: ManifestRow) => (r.estado === 'sin cambios' ? 'generada' : r.estado);
  const same = (a: ManifestRow, b: ManifestRow) => a.entrada === b.entrada && state(a) === state(b) && a.pdf === b.pdf && a.sha256 === b.sha256;
  for (const m of manifests) {
    for (const r of m.filas) {
      const ficha = r.pdf || `entrada ${r.entrada}`;
      const before = byFicha.get(ficha) ?? [...byFicha.values()].find((x) => x.entrada === r.entrada);
      if (before && !same(before, r)) {
        if (!preferNewest) conflicts.set(ficha, [...(conflicts.get(ficha) ?? [before]), r]);
        byFicha.delete(before.pdf || `entrada ${before.entrada}`);
      }
      byFicha.set(ficha, r);
    }
  }
  return { rows: sortRows([...byFicha.values()]), conflicts: [...conflicts].map(([ficha, rows]) => ({ ficha, rows })) };
}

export const manifestPath = (dir: string) => join(dir, MANIFEST_JSON);
