import { parseDocument } from 'yaml';
import { REGION_NAMES } from '../catalogs/catalogs.js';
import { columnLetter, excel, type ExcelJS } from '../output/excel.js';
import { ruleSetIds } from '../rulesets/rulesets.js';
import { fieldKind } from './fieldKinds.js';
import { COMMENT_COLUMN, keyColumns, rowKeyColumn } from './columns.js';
import { flatten, sheetName, type Flattened, type TableShape } from './tables.js';

/** One input file as the workbook takes it: its data, and the comment it starts with. */
export interface ExportedInput {
  data: Record<string, unknown>;
  comment: string;
}

/**
 * An input file's text as data and the comment lines it starts with (what `ficha export` keeps of
 * it): `ficha import` writes them back, so a file exported and imported is the same file, but for
 * comments further down.
 */
export function inputOf(text: string): ExportedInput {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const head: string[] = [];
  for (const l of lines) {
    if (!l.startsWith('#')) break;
    head.push(l.slice(1));
  }
  return { data: parseDocument(text).toJS() as Record<string, unknown>, comment: head.join('\n') };
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } } as const;

/** Lists a program may leave empty, each given one item: the empty workbook then has their sheets. */
const LISTS: Record<string, unknown> = {
  'ficha.omitir_avisos': ['codigo-del-aviso'],
  'analisis.focalizacion.hallazgos': ['texto'],
  'analisis.focalizacion.omitir': ['regla'],
  'analisis.eficiencia.hallazgos': ['texto'],
  'analisis.eficiencia.omitir': ['regla'],
  'analisis.eficacia.hallazgos': ['texto'],
  'analisis.eficacia.omitir': ['regla'],
  'otros_atributos.complementariedades': ['texto'],
  recomendaciones: [{ tema: 'tema', texto: 'texto' }],
  observaciones_institucion: [{ titulo: 'título', texto: 'texto' }],
};

/** A program's data with every list of the format holding something (for the empty workbook's sheets). */
function withEveryBlock(data: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(data);
  for (const [path, value] of Object.entries(LISTS)) {
    const keys = path.split('.');
    let o: Record<string, unknown> = out;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if (!Array.isArray(o[last]) || (o[last] as unknown[]).length === 0) o[last] = value;
  }
  return out;
}

/** The values a column's cells are checked against in Excel, when the format lists them. */
function listedValues(shape: TableShape, field: string): string[] {
  const path = fieldPath(shape, field);
  if (/regiones\[\]\.region$/.test(path)) return [...REGION_NAMES];
  if (path === 'ficha.metodologia') return ruleSetIds();
  return fieldKind(path).values;
}

/** A column's field as a path of the format (`componentes[].por_anio{}.gasto`). */
export function fieldPath(shape: TableShape, field: string): string {
  const base = shape.kind === 'programs' ? '' : shape.kind === 'list' ? `${shape.path}[]` : `${shape.path}{}`;
  const rel = field === 'valor' && shape.kind !== 'programs' ? '' : field;
  return [base, rel].filter(Boolean).join('.');
}

/**
 * A year's inputs as a workbook (exceljs): the Léame sheet, «Programas» and a sheet per block,
 * Spanish headers (the format's own keys), frozen and filtered, catalog values as drop-down lists
 * (the «Listas» sheet holds them). Without inputs (`--empty`), the sheets of a whole program, to fill.
 */
export async function exportWorkbook(inputs: ExportedInput[], shapeOf?: ExportedInput): Promise<Buffer> {
  const flat: Flattened = flatten(inputs.map((i) => i.data));
  if (inputs.length === 0 && shapeOf) {
    for (const [path, t] of flatten([withEveryBlock(shapeOf.data)]).tables) flat.tables.set(path, { shape: t.shape, rows: [] });
  }
  const wb = new (excel().Workbook)();
  wb.creator = 'ficha';
  wb.created = wb.modified = new Date(0);
  readme(wb, flat);
  const lists = wb.addWorksheet('Listas', { state: 'hidden' });
  let listColumn = 0;
  for (const [, { shape, rows }] of flat.tables) {
    const ws = wb.addWorksheet(sheetName(shape.path), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    const keys = keyColumns(shape);
    const headers = [...keys, ...shape.fields, ...(shape.kind === 'programs' ? [COMMENT_COLUMN] : [])];
    ws.getRow(1).values = headers;
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).fill = HEADER_FILL;
    rows.forEach((row, i) => {
      const r = ws.getRow(i + 2);
      const owner = flat.tables.get('')!.rows[row.program]!;
      const values: ExcelJS.CellValue[] = [];
      if (shape.kind !== 'programs') values.push(owner.cells.get('programa.id') as string, owner.cells.get('ficha.anio') as number, ...row.parents, row.key ?? null);
      for (const f of shape.fields) values.push((row.cells.get(f) ?? null) as ExcelJS.CellValue);
      if (shape.kind === 'programs') values.push(inputs[row.program]!.comment || null);
      r.values = values;
      r.alignment = { vertical: 'top', wrapText: true };
    });
    headers.forEach((h, i) => {
      const longest = Math.max(h.length, ...rows.slice(0, 200).map((row) => String(row.cells.get(h) ?? '').length));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
    });
    // Catalog values as drop-down lists, on the column down to row 2,000.
    shape.fields.forEach((f, i) => {
      const values = listedValues(shape, f);
      if (values.length === 0) return;
      listColumn++;
      values.forEach((v, k) => (lists.getCell(k + 1, listColumn).value = v));
      const letter = columnLetter(listColumn);
      const col = columnLetter(headers.indexOf(f) + 1);
      const markers = fieldKind(fieldPath(shape, f)).number ? ' (o N/A, S/I)' : '';
      for (let r = 2; r <= Math.max(rows.length + 1, 200); r++) {
        ws.getCell(`${col}${r}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`Listas!$${letter}$1:$${letter}$${values.length}`],
          showErrorMessage: !markers,
          errorTitle: 'Valor no válido',
          error: `Elija uno de la lista${markers}`,
        };
      }
    });
    // ODS: a whole number from 1 to 17.
    if (shape.path === 'otros_atributos.ods') {
      const col = columnLetter(headers.indexOf('valor') + 1);
      for (let r = 2; r <= Math.max(rows.length + 1, 200); r++) ws.getCell(`${col}${r}`).dataValidation = { type: 'whole', operator: 'between', allowBlank: true, formulae: [1, 17], showErrorMessage: true, errorTitle: 'ODS no válido', error: 'Un número de ODS, de 1 a 17' };
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: headers.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function readme(wb: ExcelJS.Workbook, flat: Flattened): void {
  const ws = wb.addWorksheet('Léame');
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 90;
  const lines: [string, string, string][] = [
    ['Libro de entradas de ficha', '', 'Una fila por programa y año en «Programas»; cada bloque del formato de entrada en su hoja.'],
    ['', '', 'Cada fila de una hoja empieza con programa.id y ficha.anio: el programa al que pertenece.'],
    ['', '', 'En «Programas», una celda «→ Hoja» dice que ese bloque está en esa hoja; «[]» es una lista vacía; vacía, el bloque no está.'],
    ['', '', 'Las cifras: un número de Excel, o texto como se escribe en Chile (5.221.470; 73,0; 76%); N/A (no aplica) o S/I (sin información).'],
    ['', '', 'Las columnas con lista (regiones, veredictos, metodología...) ofrecen sus valores; no use fórmulas ni celdas combinadas.'],
    ['', '', 'ficha import libro.xlsx --out carpeta/ escribe un YAML por programa; ficha render libro.xlsx genera las fichas.'],
    ['', '', ''],
    ['Hoja', 'Bloque del formato', ''],
  ];
  for (const [path, t] of flat.tables) lines.push([sheetName(path), path || '(el programa: sus datos fuera de listas y mapas por año)', t.shape.kind === 'map' ? `una fila por ${rowKeyColumn(t.shape)}` : t.shape.kind === 'list' ? 'una fila por elemento de la lista, en orden (n°)' : 'una fila por programa y año']);
  lines.forEach((l, i) => (ws.getRow(i + 1).values = l));
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.getRow(8).font = { bold: true };
}
