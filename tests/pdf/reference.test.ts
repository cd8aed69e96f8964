import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../pdfRead.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { fixture, layoutProblems, pdfText, pdfWords, REFERENCE_YAML } from '../helpers.js';

/** The owner's ordered patterns of the published reference (a '~' line may appear anywhere). */
function checkPatterns(text: string, patterns: string): string[] {
  const missing: string[] = [];
  let pos = 0;
  for (const raw of patterns.split('\n')) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const anywhere = raw.startsWith('~');
    const pat = anywhere ? raw.slice(1) : raw;
    const rx = new RegExp(pat.replace(/ /g, '\\s*'), 'iu');
    const m = anywhere ? rx.exec(text) : rx.exec(text.slice(pos));
    if (!m) missing.push(pat);
    else if (!anywhere) pos += m.index + m[0].length;
  }
  return missing;
}

describe('the reference ficha, rendered', () => {
  let pdfPath = '';
  let text = '';
  let lines: string[] = [];
  beforeAll(async () => {
    const result = await renderFicha('redes.yaml', REFERENCE_YAML);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.fileName).toBe('redes-oportunidades-negocios-2022.pdf');
    const dir = mkdtempSync(join(tmpdir(), 'ficha-ref-'));
    pdfPath = join(dir, result.fileName!);
    writeFileSync(pdfPath, result.pdf!);
    text = await pdfText(pdfPath);
    lines = (await readPdf(pdfPath)).pages.flatMap((p) => p.lines);
  });

  it('has every heading, sub-heading, table heading, footnote and sentence of the reference, in order', () => {
    expect(checkPatterns(text, fixture('reference.patterns'))).toEqual([]);
  });

  it('has the eight sections in order', () => {
    const headings = ['I. ANTECEDENTES DEL PROGRAMA', 'II. ANÁLISIS DE DESEMPEÑO DEL PROGRAMA', 'III. DESEMPEÑO 2022 DEL PROGRAMA', 'IV. OTROS ATRIBUTOS DEL PROGRAMA', 'V. CONTINGENCIA SANITARIA', 'VI. RECOMENDACIONES', 'VII. OBSERVACIONES DE LA INSTITUCIÓN', 'VIII. NOTAS TÉCNICAS'];
    const positions = headings.map((h) => text.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints every figure of the reference', () => {
    const figures = ['0,0%', '6,5%', '4,5%', '39%', '175%', '100%', '297.261', '522.147', '26.689', '5.317', '490.141', '282.077', '463.251', '862,6', '2.040,8', '15.183', '58.896', '5,1%', '11,3%', '909,1', '2.300,2', '3.969', '10.656', '6.086', '4.008', '10.926', '9.264', '418.344', '227', '73,0%', '76,0%', '153%', '1,1837', '1,1325', '1,063'];
    for (const f of figures) expect(text, f).toContain(f);
  });

  it('fills page 1: section II starts there, and its row that goes on is labelled «(continuación)» under the repeated header', async () => {
    const pages = (await readPdf(pdfPath)).pages;
    expect(pages[0]!.lines.join(' ')).toContain('II. ANÁLISIS DE DESEMPEÑO DEL PROGRAMA');
    const second = pages[1]!.lines.join(' ');
    expect(second.indexOf('DIMENSIÓN RESULTADOS HALLAZGOS')).toBeGreaterThanOrEqual(0);
    expect(pages[1]!.lines.slice(1, 5).map((l) => l.split(' ')[0]).join(' ')).toBe('Eficiencia ejecución presupuestaria (continuación)');
    expect(second.indexOf('(continuación)')).toBeGreaterThan(second.indexOf('DIMENSIÓN RESULTADOS HALLAZGOS'));
  });

  it('prints each figure in its own row, beside its label and the other years (not merely somewhere)', () => {
    const rows = [
      '0,0% 6,5% 4,5%',
      'Ejecución N/A 39% 175%',
      'Ejecución N/A 100% 100%',
      'Presupuesto N/A 297.261 522.147',
      '21 (Gastos en personal) 26.689',
      '22 (Bienes y servicios de consumo) 5.317',
      '24 (Transferencias Corrientes) 490.141',
      'Gasto total ejecutado 522.147',
      'Encuentros N/A 282.077 463.251 N/A 327 227 N/A 862,6 2.040,8',
      'Gasto administrativo N/A 15.183 58.896',
      'Total N/A 297.261 522.147',
      'Porcentaje gasto N/A 5,1% 11,3%',
      'N/A 909,1 2.300,2',
      'Arica y Parinacota 3.969 12',
      'Valparaíso 10.656 26',
      'Nivel central 418.344 111',
      'TOTAL 463.251 227',
      'N/A** 73,0% 76,0%',
      '2020: 1,1837',
      '2021: 1,1325',
      '2022: 1,063',
    ];
    for (const row of rows) expect(lines.some((l) => l.includes(row)), row).toBe(true);
  });

  it('prints the RESULTADOS sentences of the rule set, not of the template', () => {
    for (const s of [
      'El programa presentó una sobre ejecución respecto de su presupuesto inicial 2022 (más del 110% de su ejecución).',
      'El programa presentó una ejecución respecto a su presupuesto final 2022 dentro del rango esperado (90% y el 110%).',
      'no es posible evaluar la persistencia en la subejecución presupuestaria inicial 2022.',
      'No es posible evaluar la variación del gasto por beneficiario 2022, dado a que no cuenta con información histórica.',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('has no overlapping words and nothing outside the page', async () => {
    expect(await layoutProblems(pdfPath)).toEqual([]);
  });

  it('numbers its pages in the footer', async () => {
    const pages = (await pdfWords(pdfPath)).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(8);
    expect(text).toContain(`Monitoreo y Seguimiento Oferta Pública 2022 · Redes de Oportunidades de Negocios · Página 1 de ${pages}`);
    expect(text).toContain(`Página ${pages} de ${pages}`);
  });
});
