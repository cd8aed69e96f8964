import { basename } from 'node:path';
import { meantNumber } from '../load/chileanNumbers.js';
import { columnLetter, excel, type ExcelJS } from '../output/excel.js';
import { inputYaml } from '../output/yamlText.js';
import { runStages } from '../pipeline/stages.js';
import { COMMENT_COLUMN, ID_COLUMN, keyColumns, rowKeyColumn, YEAR_COLUMN } from './columns.js';
import { fieldPath } from './export.js';
import { fieldKind } from './fieldKinds.js';
import { EMPTY_LIST, EMPTY_MAP, parentColumn, setPath, SHEET_NAMES, tablePath, type Scalar, type TableShape } from './tables.js';

/** A problem of the workbook, at its cell: `libro.xlsx:Presupuesto!D12`. */
export interface WorkbookProblem {
  where: string;
  severity: 'error' | 'warning';
  message: string;
  code?: string;
}

/** `libro.xlsx:Hoja!C12: error message [code]`, the way every diagnostic of ficha reads. */
export const formatProblem = (p: WorkbookProblem) => `${p.where}: ${p.severity === 'error' ? 'error' : 'aviso'} ${p.message}${p.code ? ` [${p.code}]` : ''}`;

/** One program and year read from the workbook: its YAML as `ficha import` writes it. */
export interface ImportedInput {
  /** `<programa.id>-<anio>.yaml` */
  name: string;
  text: string;
  /** Where its row of «Programas» is, for messages. */
  where: string;
  ok: boolean;
}

interface SheetRow {
  row: number;
  cells: Map<string, Scalar>;
  /** Where each column's cell is (`Presupuesto!D12`). */
  at: Map<string, string>;
}

interface Sheet {
  name: string;
  shape: TableShape;
  headers: string[];
  rows: SheetRow[];
  /** The rows of each program and year (`id|anio`), so a program finds its rows without a scan. */
  byOwner: Map<string, SheetRow[]>;
}

const ownerKey = (id: unknown, anio: unknown) => `${String(id)}|${Number(anio)}`;

const quoteSheet = (name: string) => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

/**
 * The workbook's programs as YAML files, each checked as `ficha validate` checks a file: every
 * problem at its cell, all at once; a program with an error is not `ok` (not written).
 */
export async function importWorkbook(
  bytes: Uint8Array,
  file: string,
  /** The first comment lines of a program the workbook has none for (a new row). */
  newComment?: (program: { id: string; anio: number; nombre: string }) => string,
): Promise<{ inputs: ImportedInput[]; problems: WorkbookProblem[] }> {
  const book = basename(file);
  const problems: WorkbookProblem[] = [];
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    return { inputs: [], problems: [{ where: book, severity: 'error', message: 'no es un libro de Excel (.xlsx) que se pueda leer' }] };
  }
  const sheets = new Map<string, Sheet>();
  for (const ws of wb.worksheets) {
    const headers: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => (headers[col - 1] = String(c.text ?? '').trim()));
    const path = tablePath(ws.name, blockPaths(headers, sheets));
    if (path === undefined) continue;
    const shape: TableShape = { path, kind: path === '' ? 'programs' : headers.includes('n°') ? 'list' : 'map', fields: [], parents: [] };
    shape.parents = parentsOf(path);
    const keys = keyColumns(shape);
    shape.fields = headers.filter((h) => h && !keys.includes(h) && h !== COMMENT_COLUMN);
    for (const k of path === '' ? [ID_COLUMN, YEAR_COLUMN] : keys) {
      if (!headers.includes(k)) problems.push({ where: `${book}:${quoteSheet(ws.name)}!A1`, severity: 'error', message: `falta la columna «${k}» en la hoja «${ws.name}»` });
    }
    const rows = readRows(ws, headers, shape, book, problems);
    const byOwner = new Map<string, SheetRow[]>();
    for (const r of rows) {
      const k = ownerKey(r.cells.get(ID_COLUMN), r.cells.get(YEAR_COLUMN));
      if (byOwner.has(k)) byOwner.get(k)!.push(r);
      else byOwner.set(k, [r]);
    }
    sheets.set(path, { name: ws.name, shape, headers, rows, byOwner });
  }
  const programs = sheets.get('');
  if (!programs) return { inputs: [], problems: [...problems, { where: book, severity: 'error', message: `el libro no tiene la hoja «${SHEET_NAMES['']}» (ficha export --empty escribe uno por llenar)` }] };

  const inputs: ImportedInput[] = [];
  const claimed = new Set<SheetRow>();
  const seen = new Map<string, SheetRow>();
  for (const row of programs.rows) {
    const id = row.cells.get(ID_COLUMN);
    const anio = row.cells.get(YEAR_COLUMN);
    const where = `${book}:${row.at.get(ID_COLUMN) ?? `${quoteSheet(programs.name)}!A${row.row}`}`;
    if (id === undefined || id === null || id === '') {
      problems.push({ where, severity: 'error', message: 'fila sin programa.id: cada programa necesita su id (letras minúsculas, números y guiones)' });
      continue;
    }
    const key = ownerKey(id, anio);
    if (seen.has(key)) {
      problems.push({ where, severity: 'error', message: `programa.id «${id}» y ficha.anio ${anio} repetidos (también en la fila ${seen.get(key)!.row}): un programa y año por fila` });
      continue;
    }
    seen.set(key, row);
    const cellOf: CellsOf = new Map();
    const data = build(sheets, programs, row, { id: String(id), anio: Number(anio) }, [], '', cellOf, claimed);
    const given = row.cells.get(COMMENT_COLUMN);
    const comment = given ? String(given) : newComment?.({ id: String(id), anio: Number(anio), nombre: String((data.programa as { nombre?: unknown } | undefined)?.nombre ?? id) });
    const text = inputYaml(data, comment);
    const name = `${id}-${anio}.yaml`;
    // Checked as the file would be: its diagnostics, each at the cell its key came from.
    const staged = runStages(name, text, { layout: false });
    let ok = true;
    for (const d of staged.diagnostics) {
      if (d.severity === 'error') ok = false;
      const cell = cellFor(d.path ?? '', cellOf) ?? { at: row.at.get(ID_COLUMN)!, column: ID_COLUMN };
      const guess = d.suggestion !== undefined && !d.message.includes(d.suggestion) ? ` ¿quiso decir «${d.suggestion}»?` : '';
      problems.push({
        where: `${book}:${cell.at}`,
        severity: d.severity === 'error' ? 'error' : 'warning',
        message: `${id} ${anio}, columna «${cell.column}»: ${d.message}${guess}${d.path ? ` (${d.path})` : ''}`,
        code: d.code,
      });
    }
    inputs.push({ name, text, where, ok });
  }
  // Rows of a block whose program is not in «Programas».
  for (const sheet of sheets.values()) {
    if (sheet.shape.kind === 'programs') continue;
    for (const r of sheet.rows) {
      if (claimed.has(r)) continue;
      const id = r.cells.get(ID_COLUMN);
      problems.push({
        where: `${book}:${r.at.get(ID_COLUMN) ?? `${quoteSheet(sheet.name)}!A${r.row}`}`,
        severity: 'error',
        message: id === undefined || id === null || id === '' ? 'fila sin programa.id' : `«${id}» ${r.cells.get(YEAR_COLUMN) ?? ''} no es un programa de la hoja «${programs.name}» (¿o su fila de «${programs.name}» no dice «→ ${sheet.name}»?)`,
      });
    }
  }
  return { inputs, problems: problems.sort((a, b) => a.where.localeCompare(b.where, 'es', { numeric: true })) };
}

/** Block paths a sheet named by path may be (the names of «Programas»' and the blocks' container columns). */
function blockPaths(headers: string[], sheets: Map<string, Sheet>): string[] {
  const out: string[] = [];
  for (const s of sheets.values()) for (const f of s.shape.fields) out.push(s.shape.kind === 'programs' ? f : `${s.shape.path}[].${f}`);
  return [...out, ...headers];
}

function parentsOf(path: string): string[] {
  const parts = path.split('[]');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('[]'));
  return out;
}

/** A sheet's rows with their cells read as a person meant them; merged cells and formulas are problems. */
function readRows(ws: ExcelJS.Worksheet, headers: string[], shape: TableShape, book: string, problems: WorkbookProblem[]): SheetRow[] {
  const rows: SheetRow[] = [];
  const sheet = quoteSheet(ws.name);
  const merged = new Set<string>();
  for (const range of (ws as unknown as { model: { merges?: string[] } }).model.merges ?? []) {
    problems.push({ where: `${book}:${sheet}!${range.split(':')[0]}`, severity: 'error', message: `celdas combinadas (${range}): escriba el valor en cada celda` });
    merged.add(range);
  }
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: SheetRow = { row: r, cells: new Map(), at: new Map() };
    headers.forEach((h, i) => {
      if (!h) return;
      const cell = row.getCell(i + 1);
      const at = `${sheet}!${columnLetter(i + 1)}${r}`;
      out.at.set(h, at);
      // The other cells of a merge (said once, at its first cell) read as empty.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const path = shape.fields.includes(h) ? fieldPath(shape, h) : '';
      // The file's comment as it was, leading spaces included.
      const v = h === COMMENT_COLUMN ? (typeof cell.value === 'string' ? cell.value : undefined) : cellValue(cell, path, `${book}:${at}`, problems);
      if (v !== undefined) out.cells.set(h, v);
    });
    if (out.cells.size > 0) rows.push(out);
  }
  return rows;
}

/** A cell as the person who typed it meant it (text figures the Chilean way, percent cells, dates). */
function cellValue(cell: ExcelJS.Cell, path: string, where: string, problems: WorkbookProblem[]): Scalar | undefined {
  const v = cell.value;
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'object' && 'formula' in (v as object)) {
    problems.push({ where, severity: 'error', message: `la celda tiene una fórmula (=${(v as { formula: string }).formula}): escriba el valor` });
    return undefined;
  }
  if (typeof v === 'object' && 'sharedFormula' in (v as object)) {
    problems.push({ where, severity: 'error', message: 'la celda tiene una fórmula: escriba el valor' });
    return undefined;
  }
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  // A percent cell shows 76% for 0.76: a figure meant as 76 (never a key: a year, a number).
  if (typeof v === 'number') return path && /%/.test(cell.numFmt ?? '') && fieldKind(path).number ? Number((v * 100).toPrecision(12)) : v;
  if (typeof v === 'boolean') return v;
  const text = typeof v === 'string' ? v : 'richText' in (v as object) ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : String(cell.text ?? '');
  if (!path) return text.trim();
  const kind = fieldKind(path);
  const trimmed = text.trim();
  if (kind.number && !kind.text && !kind.values.includes(trimmed) && trimmed !== 'N/A' && trimmed !== 'S/I') {
    const meant = meantNumber(trimmed);
    if (meant) return meant.value;
    if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  }
  if (kind.boolean && !kind.text) {
    if (/^(sí|si|verdadero|true)$/i.test(trimmed)) return true;
    if (/^(no|falso|false)$/i.test(trimmed)) return false;
  }
  return text;
}

/** Where each YAML path's value came from: its cell and that cell's column header. */
type CellsOf = Map<string, { at: string; column: string }>;

/** The cell a YAML path's value came from, or the nearest enclosing one's. */
function cellFor(path: string, cellOf: CellsOf): { at: string; column: string } | undefined {
  // Diagnostics write list items both ways: regiones[1].region and regiones.1.region.
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const at = cellOf.get(parts.slice(0, n).join('.'));
    if (at) return at;
  }
  return undefined;
}

/**
 * A row's object: its columns in order, each block it names (`→ Hoja`) built from that sheet's
 * rows of the same program and parent items. `yamlBase` is the row's own path in the YAML
 * (`componentes.0`), for placing diagnostics.
 */
function build(
  sheets: Map<string, Sheet>,
  sheet: Sheet,
  row: SheetRow,
  owner: { id: string; anio: number },
  parentNumbers: number[],
  yamlBase: string,
  cellOf: CellsOf,
  claimed: Set<SheetRow>,
): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const at = (rel: string) => (yamlBase ? `${yamlBase}.${rel}` : rel);
  for (const field of sheet.shape.fields) {
    const v = row.cells.get(field);
    if (v === undefined) continue;
    const yamlPath = at(field);
    cellOf.set(yamlPath, { at: row.at.get(field)!, column: field });
    if (v === EMPTY_LIST) setPath(obj, field, []);
    else if (v === EMPTY_MAP) setPath(obj, field, {});
    else if (typeof v === 'string' && v.startsWith('→ ')) {
      const childPath = sheet.shape.kind === 'programs' ? field : sheet.shape.kind === 'list' ? `${sheet.shape.path}[].${field}` : `${sheet.shape.path}.${field}`;
      const child = sheets.get(childPath);
      if (!child) {
        setPath(obj, field, v);
        continue;
      }
      const mine = (child.byOwner.get(ownerKey(owner.id, owner.anio)) ?? []).filter((r) => child.shape.parents.every((p, i) => Number(r.cells.get(parentColumn(p))) === parentNumbers[i]));
      mine.forEach((r) => claimed.add(r));
      const keyCol = rowKeyColumn(child.shape);
      const scalarItems = child.shape.fields.length === 1 && child.shape.fields[0] === 'valor';
      if (child.shape.kind === 'list') {
        const items = [...mine].sort((a, b) => Number(a.cells.get(keyCol)) - Number(b.cells.get(keyCol)));
        setPath(
          obj,
          field,
          items.map((r, i) => {
            const itemPath = `${yamlPath}.${i}`;
            const column = scalarItems ? 'valor' : keyCol;
            cellOf.set(itemPath, { at: r.at.get(column)!, column });
            return scalarItems ? (r.cells.get('valor') ?? null) : build(sheets, child, r, owner, [...parentNumbers, Number(r.cells.get(keyCol))], itemPath, cellOf, claimed);
          }),
        );
      } else {
        const map: Record<string, unknown> = {};
        for (const r of mine) {
          const key = String(r.cells.get(keyCol) ?? '');
          const entryPath = `${yamlPath}.${key}`;
          const column = scalarItems ? 'valor' : keyCol;
          cellOf.set(entryPath, { at: r.at.get(column)!, column });
          map[key] = scalarItems ? (r.cells.get('valor') ?? null) : build(sheets, child, r, owner, parentNumbers, entryPath, cellOf, claimed);
        }
        setPath(obj, field, map);
      }
    } else setPath(obj, field, v);
  }
  return obj;
}
