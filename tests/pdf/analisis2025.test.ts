import { describe, expect, it } from 'vitest';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { fixture, variant } from '../helpers.js';
import { readPdf, tableColumns } from '../pdfRead.js';

/**
 * Section II under dipres-2025, read back from the rendered PDF: every verdict of INPUT.md's table
 * "dipres-2025 as the 2025 reports write it" prints its exact sentence in RESULTADOS, and a finding
 * again in HALLAZGOS, under its label.
 */
const BASE = fixture('lenguas-indigenas-2025.yaml');

async function sectionII(change: (d: any) => void): Promise<{ R: string; H: string }> {
  const r = await renderFicha('v.yaml', variant(change, BASE), { charts: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const cols = tableColumns(await readPdf(r.pdf!), 'II. ANÁLISIS', 'III. DESEMPEÑO', ['RESULTADOS', 'HALLAZGOS']);
  return { R: cols.RESULTADOS!, H: cols.HALLAZGOS! };
}

type Case = [string, (d: any) => void, string, boolean];

const FOC = 'Criterios de focalización:';
const PRI = 'Criterios de priorización:';
const GPB = 'Gasto por beneficiario:';
const EJE = 'Ejecución presupuestaria:';
const FUERA = 'El programa presenta un gasto por beneficiario fuera del rango esperado (variación mayor al 20%) durante 2025, en relación con el promedio de los dos años anteriores (2023 y 2024).';
/** Within range: 4.740.000 / 5.063 = 936,2, the mean of 2023 and 2024. */
const dentro = (d: any) => (d.poblacion.por_anio[2025].beneficiaria = 5063);
/** Execution of `ini`% of the initial and `fin`% of the final budget in year t. */
const ejec = (ini: number, fin: number, all = false) => (d: any) => {
  for (const y of all ? [2023, 2024, 2025] : [2025]) {
    const e = d.presupuesto.por_anio[y].ejecutado;
    d.presupuesto.por_anio[y].inicial = (e * 100) / ini;
    d.presupuesto.por_anio[y].final = (e * 100) / fin;
  }
};

const cases: Case[] = [
  ['focalización sin_deficiencias', (d) => (d.analisis.focalizacion.criterios = 'sin_deficiencias'), `${FOC} La población objetivo del programa corresponde a un subconjunto de la población potencial, y los criterios de focalización permiten definir la población a atender en el mediano plazo.`, false],
  ['focalización con_deficiencias', (d) => (d.analisis.focalizacion.criterios = 'con_deficiencias'), `${FOC} La población objetivo del programa no presenta criterios de focalización que permitan definir la población a atender en el mediano plazo.`, true],
  ['focalización no_subconjunto', (d) => (d.analisis.focalizacion.criterios = 'no_subconjunto'), `${FOC} La población objetivo del programa no corresponde a un subconjunto de la población potencial.`, true],
  ['focalización universal', (d) => (d.analisis.focalizacion.criterios = 'universal'), `${FOC} El programa se declara universal (población potencial = población objetivo), lo cual resulta pertinente. En consecuencia, no corresponde evaluar los criterios de focalización de la población objetivo.`, false],
  ['focalización universal_no_pertinente', (d) => (d.analisis.focalizacion.criterios = 'universal_no_pertinente'), `${FOC} El programa se declara universal (población potencial = población objetivo), pero esta condición no se ajusta a su diseño y/o cobertura.`, true],
  ['priorización sin_deficiencias', (d) => (d.analisis.focalizacion.priorizacion = 'sin_deficiencias'), `${PRI} La población beneficiada del programa en 2025 corresponde a un subconjunto de la población objetivo, y los criterios de priorización son claros y objetivos para su selección.`, false],
  ['priorización con_deficiencias', (d) => (d.analisis.focalizacion.priorizacion = 'con_deficiencias'), `${PRI} La población beneficiada del programa en 2025 no presenta criterios de priorización claros y objetivos para su selección.`, true],
  ['priorización no_subconjunto', (d) => (d.analisis.focalizacion.priorizacion = 'no_subconjunto'), `${PRI} La población beneficiada del programa en 2025 no corresponde a un subconjunto de la población objetivo.`, true],
  ['priorización universal', (d) => (d.analisis.focalizacion.priorizacion = 'universal'), `${PRI} Dado que el programa es universal no aplica evaluar los criterios de priorización de la población beneficiada en 2025.`, false],
  ['gasto por beneficiario dentro del rango', dentro, `${GPB} El programa presenta un gasto por beneficiario dentro del rango esperado (menor al 20%) durante 2025, en relación con el promedio de los dos años anteriores (2023 y 2024).`, false],
  ['gasto por beneficiario fuera del rango, sin justificación dada', (d) => delete d.analisis.eficiencia.justificacion_gasto_por_beneficiario, `${GPB} ${FUERA}`, true],
  ['fuera del rango + pertinente', (d) => (d.analisis.eficiencia.justificacion_gasto_por_beneficiario = 'pertinente'), `${GPB} ${FUERA} No obstante, la justificación proporcionada por el Servicio se considera pertinente.`, false],
  ['fuera del rango + sin_justificacion', (d) => (d.analisis.eficiencia.justificacion_gasto_por_beneficiario = 'sin_justificacion'), `${GPB} ${FUERA} El programa no justifica variación.`, true],
  ['fuera del rango + no_pertinente', (d) => (d.analisis.eficiencia.justificacion_gasto_por_beneficiario = { pertinente: false, texto: 'El aumento no se explica por la actualización de costos.' }), `${GPB} ${FUERA} La justificación proporcionada por el Servicio no se considera pertinente. El aumento no se explica por la actualización de costos.`, true],
  ['subejecución inicial', ejec(80, 100), `${EJE} El programa presenta una subejecución presupuestaria (inferior al 85%) respecto de su presupuesto inicial en 2025.`, true],
  ['sobre ejecución inicial', ejec(120, 100), `${EJE} El programa presenta una sobre ejecución presupuestaria (superior al 110%) respecto de su presupuesto inicial en 2025.`, true],
  ['subejecución final', ejec(100, 80), 'El programa presenta una subejecución presupuestaria (inferior al 90%) respecto de su presupuesto final en 2025.', true],
  ['persistencia', ejec(80, 100, true), `${EJE} El programa presenta una subejecución presupuestaria (inferior al 85%) respecto de su presupuesto inicial en 2025. El programa presenta una ejecución presupuestaria dentro del rango esperado (entre 90% y 110%) respecto de su presupuesto final en 2025. El programa presenta persistencia de subejecución presupuestaria inicial en 2025, ya que ha ejecutado menos del 85% de su presupuesto inicial anual durante tres años consecutivos.`, false],
  ['resultado del indicador, peor', (d) => (d.indicadores[0].valores = { 2024: 75, 2025: 70 }), 'Indicador de propósito 1: El resultado del indicador de propósito disminuyó (lectura ascendente), indicando un menor desempeño del programa en 2025 respecto de 2024.', true],
  ['calidad con_deficiencias', (d) => (d.analisis.eficacia.calidad_indicador = 'con_deficiencias'), 'Indicador de propósito 1: El indicador de propósito del programa no se encuentra correctamente formulado.', true],
  ['pertinencia no_pertinente', (d) => (d.analisis.eficacia.pertinencia_indicador = 'no_pertinente'), 'Indicador de propósito 1: El indicador de propósito no es pertinente, debido a que no permite medir directamente el logro del propósito del programa.', true],
];

describe('dipres-2025 section II, read from the PDF', () => {
  it.each(cases)('%s', async (_name, change, sentence, finding) => {
    const { R, H } = await sectionII(change);
    expect(R).toContain(sentence);
    if (finding) expect(H).toContain(sentence);
    else expect(H).not.toContain(sentence);
  });

  it('a persistence of subejecución is one finding under one label, ejecución sentences in order', async () => {
    const { H } = await sectionII(ejec(80, 100, true));
    expect(H).toContain(
      `${EJE} El programa presenta una subejecución presupuestaria (inferior al 85%) respecto de su presupuesto inicial en 2025. El programa presenta persistencia de subejecución presupuestaria inicial en 2025, ya que ha ejecutado menos del 85% de su presupuesto inicial anual durante tres años consecutivos.`,
    );
    expect(H.split(EJE)).toHaveLength(2);
  });

  it('a justified variation is not a finding: the dimension has none', async () => {
    const { R, H } = await sectionII((d) => (d.analisis.eficiencia.justificacion_gasto_por_beneficiario = 'pertinente'));
    expect(R).toContain('No obstante, la justificación proporcionada por el Servicio se considera pertinente.');
    expect(H).not.toContain('fuera del rango');
    expect(H).toContain('Sin hallazgos en la dimensión de Eficiencia.');
  });

  it('says "Sin hallazgos" only for a dimension with no finding of either kind', async () => {
    const { H } = await sectionII((d) => {
      d.analisis.focalizacion.priorizacion = 'con_deficiencias';
      d.analisis.eficiencia.hallazgos = ['Se observa un aumento de los costos unitarios.'];
    });
    expect(H).not.toContain('Sin hallazgos en la dimensión de Focalización.');
    expect(H).not.toContain('Sin hallazgos en la dimensión de Eficiencia.');
    expect(H).toContain('Se observa un aumento de los costos unitarios.');
    // findings of the rule set come before the analyst's own
    const { H: both } = await sectionII((d) => {
      d.analisis.focalizacion.priorizacion = 'con_deficiencias';
      d.analisis.focalizacion.hallazgos = ['Comentario propio del analista.'];
    });
    expect(both.indexOf(PRI)).toBeLessThan(both.indexOf('Comentario propio del analista.'));
  });

  it('a verdict with a comment prints the standard sentence, then the comment', async () => {
    const { R, H } = await sectionII((d) => (d.analisis.focalizacion.priorizacion = { valor: 'no_subconjunto', texto: 'La población beneficiada supera a la objetivo.' }));
    const s = `${PRI} La población beneficiada del programa en 2025 no corresponde a un subconjunto de la población objetivo. La población beneficiada supera a la objetivo.`;
    expect(R).toContain(s);
    expect(H).toContain(s);
  });
});
