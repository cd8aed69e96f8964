import { excel, type ExcelJS } from '../output/excel.js';
import type { ManifestRow } from './manifestRow.js';

type Kind = 'text' | 'integer' | 'percent' | 'amount' | 'decimal' | 'date' | 'link';

interface Column {
  key: keyof ManifestRow;
  header: string;
  kind: Kind;
  /** Width in characters; text columns grow to fit their longest cell (up to 60). */
  width: number;
}

/**
 * Number formats in Excel's own notation: Excel shows them with the separators of the reader's
 * locale (in es-CL: 1.234.567 and 49,9%).
 */
const FORMATS: Partial<Record<Kind, string>> = { integer: '#,##0', percent: '0.0%', amount: '#,##0', decimal: '#,##0.0', date: 'dd-mm-yyyy' };

function columns(rows: ManifestRow[]): Column[] {
  // The amounts' unit in their header when every ficha has its amounts in pesos of one year.
  const years = [...new Set(rows.map((r) => r.moneda_anio).filter((y) => y !== null))];
  const unit = years.length === 1 ? `M$ ${years[0]}` : 'M$';
  return [
    { key: 'programa_id', header: 'ID del programa', kind: 'text', width: 18 },
    { key: 'anio', header: 'Año', kind: 'integer', width: 7 },
    { key: 'ministerio', header: 'Ministerio', kind: 'text', width: 24 },
    { key: 'servicio', header: 'Servicio', kind: 'text', width: 24 },
    { key: 'programa', header: 'Programa', kind: 'text', width: 30 },
    { key: 'metodologia', header: 'Metodología', kind: 'text', width: 14 },
    { key: 'estado', header: 'Estado', kind: 'text', width: 12 },
    { key: 'cobertura', header: 'Cobertura (%)', kind: 'percent', width: 12 },
    { key: 'ejecucion_inicial', header: 'Ejecución presupuestaria inicial (%)', kind: 'percent', width: 16 },
    { key: 'ejecucion_final', header: 'Ejecución presupuestaria final (%)', kind: 'percent', width: 16 },
    { key: 'gasto_total', header: `Gasto total (${unit})`, kind: 'amount', width: 16 },
    { key: 'gasto_por_beneficiario', header: `Gasto por beneficiario (${unit})`, kind: 'decimal', width: 16 },
    { key: 'moneda_anio', header: 'Montos en pesos del año', kind: 'integer', width: 12 },
    { key: 'fecha', header: 'Fecha de la ficha', kind: 'date', width: 12 },
    { key: 'pdf', header: 'PDF', kind: 'link', width: 30 },
    { key: 'paginas', header: 'Páginas', kind: 'integer', width: 9 },
    { key: 'bytes', header: 'Tamaño (bytes)', kind: 'integer', width: 12 },
    { key: 'advertencias', header: 'Advertencias', kind: 'integer', width: 12 },
    { key: 'errores', header: 'Errores', kind: 'integer', width: 9 },
    { key: 'entrada', header: 'Archivo de entrada', kind: 'text', width: 30 },
    { key: 'ms', header: 'Tiempo (ms)', kind: 'integer', width: 11 },
    { key: 'sha256', header: 'SHA-256 del PDF', kind: 'text', width: 20 },
    { key: 'clave', header: 'Clave de contenido', kind: 'text', width: 20 },
  ];
}

function value(row: ManifestRow, c: Column): ExcelJS.CellValue {
  const v = row[c.key];
  if (v === null || v === '' || v === undefined) return null;
  switch (c.kind) {
    // The manifest keeps percentages as printed (49.9); a percentage cell holds the fraction.
    case 'percent':
      return Math.round((v as number) * 10) / 1000;
    case 'date':
      return new Date(`${String(v)}T00:00:00Z`);
    case 'link':
      return { text: String(v), hyperlink: encodeURI(String(v)), tooltip: `Abrir ${String(v)}` };
    default:
      return v as ExcelJS.CellValue;
  }
}

/**
 * The manifest as an Excel workbook (exceljs): one row per ficha, typed cells (numbers, percentages
 * and dates with es-CL display), Spanish headers with units, the header frozen with an autofilter,
 * widths that fit, and each PDF's name a link to the file beside the workbook.
 */
export async function manifestWorkbook(rows: ManifestRow[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'ficha';
  // The workbook's own dates from its fichas, not the clock: the same manifest, the same cells.
  const latest = rows.map((r) => r.fecha).filter(Boolean).sort().pop();
  wb.created = wb.modified = latest ? new Date(`${latest}T12:00:00Z`) : new Date(0);
  const cols = columns(rows);
  const ws = wb.addWorksheet('Fichas', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.getRow(1);
  cols.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
  rows.forEach((r, n) => {
    const row = ws.getRow(n + 2);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value(r, c);
      const fmt = FORMATS[c.kind];
      if (fmt) cell.numFmt = fmt;
      if (c.kind === 'link' && cell.value) cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    });
  });
  cols.forEach((c, i) => {
    if (c.kind !== 'text' && c.kind !== 'link') return;
    const longest = Math.max(c.header.length / 2, ...rows.map((r) => String(r[c.key] ?? '').length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(c.width, Math.ceil(longest) + 2));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: cols.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
