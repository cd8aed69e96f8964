import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderBatch } from '../../src/batch/batch.js';
import { readManifest } from '../../src/batch/manifest.js';
import { REFERENCE_YAML, fixture } from '../helpers.js';

/** The manifest.xlsx of a batch of the reference (twice, as two programs), an invalid input and another year's ficha. */
async function batchWorkbook() {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-xlsx-'));
  const out = join(dir, 'out');
  const program = (id: string) => REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${id}`);
  writeFileSync(join(dir, 'a.yaml'), program('programa-a'));
  writeFileSync(join(dir, 'b.yaml'), program('programa-b').replace('inicial: 298370,', 'inicial: mucho,'));
  writeFileSync(join(dir, 'c.yaml'), fixture('lenguas-indigenas-2025.yaml'));
  const files = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(dir, f));
  await renderBatch(files, { out, strict: false, charts: false, jobs: 1, changed: false, failFast: false, interrupted: () => false, csvSeparator: ';' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, 'manifest.xlsx')) as never);
  return { out, ws: wb.worksheets[0]!, rows: readManifest(join(out, 'manifest.json')).filas };
}

describe('manifest.xlsx', () => {
  it('has one typed row per ficha under Spanish headers with units, frozen and filtered, each PDF linked', async () => {
    const { out, ws, rows } = await batchWorkbook();
    const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers.slice(0, 14)).toEqual([
      'ID del programa',
      'Año',
      'Ministerio',
      'Servicio',
      'Programa',
      'Metodología',
      'Estado',
      'Cobertura (%)',
      'Ejecución presupuestaria inicial (%)',
      'Ejecución presupuestaria final (%)',
      // Two years of pesos among the fichas: the unit is in its own column.
      'Gasto total (M$)',
      'Gasto por beneficiario (M$)',
      'Montos en pesos del año',
      'Fecha de la ficha',
    ]);
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws.rowCount).toBe(rows.length + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(String(ws.autoFilter)).toMatch(/^A1:[A-Z]+4$/);

    const a = ws.getRow(1 + rows.findIndex((r) => r.programa_id === 'programa-a') + 1);
    const cell = (h: string) => a.getCell(col(h));
    expect(cell('ID del programa').value).toBe('programa-a');
    expect(cell('Año').value).toBe(2022);
    // Percentages are fractions shown as percentages; amounts numbers shown with thousands.
    expect(cell('Cobertura (%)').value).toBeCloseTo(0.045, 10);
    expect(cell('Cobertura (%)').numFmt).toBe('0.0%');
    expect(cell('Ejecución presupuestaria inicial (%)').value).toBeCloseTo(1.75, 10);
    expect(cell('Gasto total (M$)').value).toBe(522147);
    expect(cell('Gasto total (M$)').numFmt).toBe('#,##0');
    expect(cell('Gasto por beneficiario (M$)').value).toBeCloseTo(2300.2, 10);
    expect(cell('Montos en pesos del año').value).toBe(2023);
    expect(cell('Fecha de la ficha').value).toBeInstanceOf(Date);
    expect(cell('Fecha de la ficha').numFmt).toBe('dd-mm-yyyy');
    expect(cell('PDF').value).toMatchObject({ text: 'programa-a-2022.pdf', hyperlink: 'programa-a-2022.pdf' });
    expect(cell('Páginas').value).toBeGreaterThan(3);

    // The invalid input: its row, with empty figure cells rather than zeros.
    const b = ws.getRow(1 + rows.findIndex((r) => r.programa_id === 'programa-b') + 1);
    expect(b.getCell(col('Estado')).value).toBe('con errores');
    expect(b.getCell(col('Cobertura (%)')).value).toBeNull();
    expect(b.getCell(col('PDF')).value).toBeNull();

    // manifest.json keeps numbers as numbers; the CSV asked for with `;` opens in Excel es-CL.
    expect(typeof rows.find((r) => r.programa_id === 'programa-a')!.gasto_total).toBe('number');
    expect(readFileSync(join(out, 'manifest.csv'), 'utf8')).toContain(';4,5;175;100;522147;2300,2;2023');
  });

  it('names the pesos year in the amount headers when every ficha shares it', async () => {
    const { manifestWorkbook } = await import('../../src/batch/manifestXlsx.js');
    const { rows } = await batchWorkbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await manifestWorkbook(rows.filter((r) => r.moneda_anio === 2023))) as never);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('Gasto total (M$ 2023)');
    expect(headers).toContain('Gasto por beneficiario (M$ 2023)');
  });
});
