import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFicha, runStages } from '../../src/pipeline/pipeline.js';
import type { Block } from '../../src/layout/blocks.js';
import { fixture, layoutProblems } from '../helpers.js';
import { readPdf, type PdfRead } from '../pdfRead.js';
import { comparable, expectedCells, viewCells } from './expectedFigures.js';
import { present } from '../../src/present/view.js';
import { fichaOf } from '../helpers.js';

const EXAMPLES = ['redes-oportunidades-negocios-2022.yaml', 'pavimentacion-participativa-2025.yaml', 'promocion-talentos-2024.yaml', 'inversion-en-la-comunidad-2025.yaml', 'lenguas-indigenas-2025.yaml'];

const rendered = new Map<string, { path: string; text: string; pages: number; pdf: PdfRead }>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-examples-'));
  for (const name of EXAMPLES) {
    const r = await renderFicha(name, fixture(name));
    expect(r.diagnostics, name).toEqual([]);
    const path = join(dir, r.fileName!);
    writeFileSync(path, r.pdf!);
    const pdf = await readPdf(path);
    rendered.set(name, { path, text: pdf.text, pages: pdf.pages.length, pdf });
  }
});

describe.each(EXAMPLES)('%s', (name) => {
  it('prints in each table cell the figure that the formulas of INPUT.md give', () => {
    const expected = expectedCells(fixture(name));
    const got = viewCells(present(fichaOf(fixture(name))).view);
    if (!expected.regiones_total) delete got.regiones_total;
    expect(comparable(got)).toEqual(comparable(expected));
  });
  it('prints those cells in the PDF', () => {
    const { text } = rendered.get(name)!;
    const cells = viewCells(present(fichaOf(fixture(name))).view);
    // Every row of the components table, as it reads across (a long cell may wrap, so numbers only).
    for (const c of cells.componentes) expect(text).toContain([...c.gasto, ...c.produccion, ...c.unitario].join(' '));
    expect(text).toContain(cells.cobertura.join(' '));
  });
  it('has no overlapping text and nothing outside the page', async () => {
    expect(await layoutProblems(rendered.get(name)!.path)).toEqual([]);
  });
  it('never ends a page with a heading or a label', () => {
    const { pdf, pages } = rendered.get(name)!;
    const headings = new Set<string>();
    const walk = (bs: Block[]) => bs.forEach((b) => (b.kind === 'heading' ? headings.add(b.text) : b.kind === 'keep' ? walk(b.blocks) : b.kind === 'paragraph' && b.style === 'label' ? headings.add(b.runs.map((r) => r.text).join('')) : undefined));
    walk(runStages(name, fixture(name)).layout!.blocks);
    for (let p = 1; p < pages; p++) {
      const lines = pdf.pages[p - 1]!.lines.filter((l) => l && !l.includes('Página'));
      expect(headings.has(lines[lines.length - 1]!), `page ${p} ends with "${lines[lines.length - 1]}"`).toBe(false);
    }
  });
  it('has the eight sections', () => {
    const { text } = rendered.get(name)!;
    for (const h of ['I. ANTECEDENTES', 'II. ANÁLISIS DE DESEMPEÑO', 'III. DESEMPEÑO', 'IV. OTROS ATRIBUTOS', 'V. CONTINGENCIA', 'VI. RECOMENDACIONES', 'VII. OBSERVACIONES', 'VIII. NOTAS TÉCNICAS']) {
      expect(text).toContain(h);
    }
  });
});

describe('the dipres-2025, nominal, four-component example', () => {
  it('judges with the 2025 wording', () => {
    const { text } = rendered.get('pavimentacion-participativa-2025.yaml')!;
    expect(text).toContain('Ejecución presupuestaria: El programa presenta una subejecución presupuestaria (inferior al 85%) respecto de su presupuesto inicial en 2025.');
    expect(text).toContain(
      'Indicador de propósito 1: El indicador de propósito no es pertinente, debido a que no permite medir directamente el logro del propósito del programa. El denominador utilizado corresponde al déficit total de pavimentación, lo que desvirtúa el resultado. El resultado del indicador de propósito disminuyó (lectura ascendente), indicando un menor desempeño del programa en 2025 respecto de 2024.',
    );
    expect(text).toContain('Indicador de propósito 2: El resultado del indicador de propósito aumentó (lectura ascendente), indicando un mejor desempeño del programa en 2025 respecto de 2024.');
    expect(text).toContain('dentro del rango esperado (menor al 20%) durante 2025');
  });
  it('says amounts are M$ of the base year', () => expect(rendered.get('pavimentacion-participativa-2025.yaml')!.text).toContain('Total ejecutado (M$ 2026)'));
  it('prints all sixteen regions north to south, Nivel central last', () => {
    const { text } = rendered.get('pavimentacion-participativa-2025.yaml')!;
    const table = text.slice(text.indexOf('DESAGREGACIÓN REGIONAL'));
    const order = ['Arica y Parinacota', 'Tarapacá', 'Antofagasta', 'Atacama', 'Coquimbo', 'Valparaíso', 'Metropolitana de Santiago', "Libertador General Bernardo O'Higgins", 'Maule', 'Ñuble', 'Biobío', 'La Araucanía', 'Los Ríos', 'Los Lagos', 'Aysén del General Carlos Ibáñez del Campo', 'Magallanes y de la Antártica Chilena', 'Nivel central'];
    const pos = order.map((r) => table.indexOf(r));
    expect(pos.every((p) => p >= 0)).toBe(true);
    expect([...pos].sort((a, b) => a - b)).toEqual(pos);
  });
});

describe('the example with missing information', () => {
  it('cannot evaluate what was not reported, and says so', () => {
    const { text } = rendered.get('promocion-talentos-2024.yaml')!;
    expect(text).toContain('Persistencia subejecución presupuestaria: Dado que no se reportó la información necesaria, no es posible evaluar la persistencia en la subejecución presupuestaria inicial 2024.');
    expect(text).toContain('Gasto por beneficiario: No es posible evaluar la variación del gasto por beneficiario 2024, dado a que no cuenta con información histórica.');
    expect(text).toContain('No es posible evaluar el resultado del indicador de propósito, dado que no se reportó su valor en 2023 y 2024.');
    expect(text).toContain('El programa no reporta desagregación regional de su gasto ni de su población beneficiada en 2024.');
  });
});

describe('the long example', () => {
  it('needs five or more pages', () => {
    expect(rendered.get('inversion-en-la-comunidad-2025.yaml')!.pages).toBeGreaterThanOrEqual(5);
  });
  it('a table longer than a page repeats its header on the next page, with no row cut', async () => {
    const many = fixture('inversion-en-la-comunidad-2025.yaml').replace(
      /^componentes:\n/m,
      'componentes:\n' +
        Array.from({ length: 30 }, (_, i) => `  - nombre: Componente adicional número ${i + 1} con un nombre largo para ocupar dos líneas\n    unidad: Personas\n    por_anio:\n      2025: { gasto: 0, produccion: ${i} }\n`).join(''),
    );
    const r = await renderFicha('many.yaml', many);
    const path = join(mkdtempSync(join(tmpdir(), 'ficha-many-')), 'many.pdf');
    writeFileSync(path, r.pdf!);
    const read = await readPdf(path);
    const perPage = (p: number) => read.pages[p - 1]?.lines.join('\n') ?? '';
    const pagesWithHeader = [1, 2, 3, 4, 5, 6].map(perPage).filter((t) => t.includes('GASTO Y PRODUCCIÓN DE COMPONENTES'));
    expect(pagesWithHeader.length).toBeGreaterThanOrEqual(2);
    // every component row is whole: its name and its unit are on the same page
    for (let i = 1; i <= 30; i++) {
      const page = [1, 2, 3, 4, 5, 6].map(perPage).find((t) => t.includes(`número ${i} con`))!;
      expect(page.replace(/\s+/g, ' ')).toMatch(new RegExp(`número ${i} con un nombre largo para ocupar dos líneas \\(Personas\\)`));
    }
    expect(await layoutProblems(path)).toEqual([]);
  });
});
