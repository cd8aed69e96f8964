import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { sampleInputs } from '../../src/sample/generate.js';
import { exportWorkbook, inputOf } from '../../src/workbook/export.js';
import { importWorkbook } from '../../src/workbook/import.js';
import { REFERENCE_YAML } from '../helpers.js';
import { captureConsole } from '../console.js';

const SAMPLES = sampleInputs(100, { seed: 1 });

/** The workbook of the reference input, changed by `edit` before it is read back. */
async function editedBook(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportWorkbook([inputOf(REFERENCE_YAML), inputOf(SAMPLES[0]!.text)])) as never);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** The cell of column `header` in the row whose first cell is `id` (or the row number `row`). */
function cellOf(ws: ExcelJS.Worksheet, header: string, id: string, nth = 1): ExcelJS.Cell {
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  let seen = 0;
  for (let r = 2; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(headers.indexOf('programa.id') + 1).value === id && ++seen === nth) return ws.getRow(r).getCell(headers.indexOf(header) + 1);
  }
  throw new Error(`${id} not in ${ws.name}`);
}

describe('ficha export and ficha import', () => {
  it('`ficha sample --count 100` -> export -> import: the same files, and the same PDFs byte for byte', async () => {
    const book = await exportWorkbook(SAMPLES.map((s) => inputOf(s.text)));
    const { inputs, problems } = await importWorkbook(book, 'anio.xlsx');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(inputs.map((i) => i.name).sort()).toEqual(SAMPLES.map((s) => s.name).sort());
    for (const s of SAMPLES) {
      const back = inputs.find((i) => i.name === s.name)!;
      expect(back.text, s.name).toBe(s.text);
    }
    // Rendered from each: the same bytes (the PDF carries its input, so this also says the input is the same).
    for (const s of SAMPLES.slice(0, 100)) {
      const back = inputs.find((i) => i.name === s.name)!;
      const [a, b] = await Promise.all([renderFicha(s.name, s.text, { charts: false }), renderFicha(back.name, back.text, { charts: false })]);
      expect(Buffer.compare(a.pdf!, b.pdf!), s.name).toBe(0);
    }
  }, 180_000);

  it('reads figures as a person meant them: Excel numbers, text with thousands dots, percent cells', async () => {
    const book = await editedBook((wb) => {
      const budget = wb.getWorksheet('Presupuesto')!;
      cellOf(budget, 'inicial', 'redes-oportunidades-negocios', 3).value = '298.370';
      cellOf(budget, 'final', 'redes-oportunidades-negocios', 3).value = 522147;
      const values = wb.getWorksheet('Indicadores por año')!;
      const c = cellOf(values, 'valor', 'redes-oportunidades-negocios', 3);
      c.value = 0.76;
      // Its own style: exceljs shares one style object among the cells it wrote.
      c.style = { ...c.style, numFmt: '0%' };
      cellOf(values, 'valor', 'redes-oportunidades-negocios', 2).value = '73,0';
    });
    const { inputs, problems } = await importWorkbook(book, 'libro.xlsx');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const text = inputs.find((i) => i.name === 'redes-oportunidades-negocios-2022.yaml')!.text;
    expect(text).toContain('inicial: 298370');
    expect(text).toMatch(/2021: 73\b/);
    expect(text).toMatch(/2022: 76\b/);
  });

  it('says each typical mistake at its cell, all at once, and writes no file for a program with one', async () => {
    const book = await editedBook((wb) => {
      // A region that does not exist.
      cellOf(wb.getWorksheet('Regiones')!, 'region', 'redes-oportunidades-negocios', 2).value = 'Región de Narnia';
      // A text where an amount goes.
      cellOf(wb.getWorksheet('Presupuesto')!, 'ejecutado', 'redes-oportunidades-negocios', 2).value = 'mucho';
      // A formula.
      cellOf(wb.getWorksheet('Gasto administrativo')!, 'valor', SAMPLES[0]!.name.replace(/-\d+\.yaml$/, '')).value = { formula: 'B2*2', result: 4 } as never;
      // A row without its program's id, and a row of a program that is not in «Programas».
      const hallazgos = wb.getWorksheet('Hallazgos eficiencia')!;
      hallazgos.addRow([null, 2022, 9, 'Un hallazgo sin programa']);
      hallazgos.addRow(['programa-fantasma', 2022, 1, 'Un hallazgo de otro programa']);
      // Merged cells.
      wb.getWorksheet('Recomendaciones')!.mergeCells('E2:E3');
    });
    const { inputs, problems } = await importWorkbook(book, 'libro.xlsx');
    const at = (re: RegExp) => problems.filter((p) => re.test(p.message)).map((p) => p.where);
    const regionRow = 3; // the header, then the reference's first region, then its second
    expect(at(/Narnia/)).toContain(`libro.xlsx:Regiones!D${regionRow}`);
    // Each message names the program, the column, and what was expected.
    expect(problems.find((p) => /Narnia/.test(p.message))!.message).toMatch(/^redes-oportunidades-negocios 2022, columna «region»: región desconocida «Región de Narnia»: se esperaba el nombre oficial/);
    expect(at(/ejecutado/)).toEqual([expect.stringMatching(/^libro\.xlsx:Presupuesto!F3$/)]);
    expect(at(/fórmula/)).toEqual([expect.stringMatching(/^libro\.xlsx:'Gasto administrativo'!D\d+$/)]);
    expect(at(/fila sin programa\.id/)).toEqual([expect.stringMatching(/^libro\.xlsx:'Hallazgos eficiencia'!A\d+$/)]);
    expect(at(/programa-fantasma/)).toEqual([expect.stringMatching(/^libro\.xlsx:'Hallazgos eficiencia'!A\d+$/)]);
    expect(at(/combinadas/)).toEqual(['libro.xlsx:Recomendaciones!E2']);
    // The reference has errors: no file; the sample's formula is an error too.
    expect(inputs.find((i) => i.name.startsWith('redes-oportunidades-negocios'))!.ok).toBe(false);
  });

  it('a program the workbook has no comment for starts with the comment it is given', async () => {
    const book = await editedBook((wb) => {
      const ws = wb.getWorksheet('Programas')!;
      const headers = (ws.getRow(1).values as unknown[]).slice(1);
      ws.getRow(2).getCell(headers.indexOf('comentario del archivo') + 1).value = null;
    });
    const { inputs } = await importWorkbook(book, 'libro.xlsx', (p) => ` Importada: ${p.nombre} ${p.anio}`);
    expect(inputs.find((i) => i.name.startsWith('redes-oportunidades-negocios'))!.text.split('\n')[0]).toBe('# Importada: Redes de Oportunidades de Negocios 2022');
  });

  it('the empty workbook has every sheet, its columns and lists, and a Léame', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportWorkbook([], inputOf(SAMPLES[0]!.text))) as never);
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ['Léame', 'Programas', 'Población', 'Presupuesto', 'Componentes', 'Regiones', 'Indicadores', 'Hallazgos eficacia', 'Recomendaciones', 'Observaciones']) expect(names).toContain(n);
    const regions = wb.getWorksheet('Regiones')!;
    expect((regions.getRow(1).values as unknown[]).slice(1)).toEqual(['programa.id', 'ficha.anio', 'n°', 'region', 'gasto', 'beneficiarios']);
    expect(regions.getCell('D2').dataValidation).toMatchObject({ type: 'list' });
    const programas = wb.getWorksheet('Programas')!;
    const headers = (programas.getRow(1).values as unknown[]).slice(1) as string[];
    const criterios = headers.indexOf('analisis.focalizacion.criterios') + 1;
    expect(programas.getRow(2).getCell(criterios).dataValidation).toMatchObject({ type: 'list' });
  });
});

describe('the commands', () => {
  it('ficha render libro.xlsx renders each program of the workbook; ficha import writes the files, none for a program with errors', async () => {
    const { mkdtempSync, readdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { vi } = await import('vitest');
    const { renderCommand } = await import('../../src/cli/render.js');
    const { importCommand } = await import('../../src/cli/workbook.js');
    const dir = mkdtempSync(join(tmpdir(), 'ficha-libro-'));
    const three = SAMPLES.slice(0, 3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportWorkbook(three.map((s) => inputOf(s.text)))) as never);
    const book = join(dir, 'anio.xlsx');
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    const said = captureConsole();
    try {
      expect(await renderCommand([book], { out: join(dir, 'pdf'), quiet: true, jobs: '1', charts: false }), said()).toBe(0);
      for (const s of three) {
        const pdf = readFileSync(join(dir, 'pdf', s.name.replace(/\.yaml$/, '.pdf')));
        expect(Buffer.compare(pdf, (await renderFicha(s.name, s.text, { charts: false })).pdf!), s.name).toBe(0);
      }
      // One program's amount made text that is no number: that program's file is not written.
      const budget = wb.getWorksheet('Presupuesto')!;
      budget.getCell('E2').value = 'no sé';
      writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
      expect(await importCommand(book, { out: join(dir, 'yaml') })).toBe(1);
      expect(said()).toMatch(/anio\.xlsx:Presupuesto!E2: error /);
      expect(readdirSync(join(dir, 'yaml')).sort()).toHaveLength(2);
    } finally {
      vi.restoreAllMocks();
    }
  }, 60_000);
});
