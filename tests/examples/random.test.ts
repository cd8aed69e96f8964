import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { REGIONS } from '../../src/catalogs/catalogs.js';
import { fichaOf, fixture, layoutProblems, pdfText } from '../helpers.js';
import { present } from '../../src/present/view.js';
import { comparable, expectedCells, viewCells } from './expectedFigures.js';

/**
 * Programs of every shape the contract allows, made from a seeded generator and real texts
 * (tests/fixtures/corpus-sample.json, from shared/corpus): none may fail, overlap or leave the page.
 */
interface Sample {
  nombre: string;
  ministerio: string;
  servicio: string;
  descripcion: string;
  proposito: string;
  poblacion_objetivo: string;
  complementariedades: string;
  hallazgo_eficiencia: string;
  hallazgo_focalizacion: string;
}
const texts = JSON.parse(fixture("corpus-sample.json")) as Sample[];

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function program(seed: number): object {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(v: T, p = 0.15): T | 'N/A' | 'S/I' => (r() < p ? pick(['N/A', 'S/I'] as const) : v);
  const t = 2021 + Math.floor(r() * 5);
  const years = [t - 2, t - 1, t];
  const src = texts[seed % texts.length]!;
  const nComp = Math.floor(r() * 6);
  const nInd = 1 + Math.floor(r() * 4);
  const big = r() < 0.5 ? 1e6 : 1e3;
  const byYear = <T>(f: (y: number) => T) => Object.fromEntries(years.filter(() => r() > 0.05).map((y) => [y, f(y)]));
  const regions = [...REGIONS].sort(() => r() - 0.5).slice(0, Math.floor(r() * 17));
  return {
    formato: 1,
    ficha: {
      anio: t,
      metodologia: pick(['dipres-2022', 'dipres-2025']),
      moneda: { anio_base: t + 1, montos: pick(['reales', 'nominales']), inflactores: Object.fromEntries(years.map((y, i) => [y, 1 + (2 - i) * 0.04])) },
    },
    programa: {
      id: `programa-${seed}`,
      nombre: src.nombre,
      servicio: src.servicio,
      ministerio: src.ministerio,
      anio_inicio: 1990 + Math.floor(r() * 30),
      anio_termino: r() < 0.5 ? 'Permanente' : t + 10,
      descripcion: src.descripcion,
      proposito: src.proposito,
      historial_evaluativo: { ex_ante: r() < 0.5, ex_post_dipres: r() < 0.3 ? 'EPG 2019' : false, otras: false },
    },
    poblacion: {
      descripcion: `${src.poblacion_objetivo}\n\nEn {{anio}} la cobertura fue {{pct cobertura.t 1}}.`,
      por_anio: byYear(() => ({ objetivo: maybe(1000 + Math.floor(r() * 90000)), beneficiaria: maybe(Math.floor(r() * 20000)) })),
    },
    presupuesto: {
      por_anio: byYear(() => ({ inicial: maybe(Math.round(r() * big * 100)), final: maybe(Math.round(r() * big * 100)), ejecutado: maybe(Math.round(r() * big * 100)), extrapresupuestario: maybe(0, 0.5) })),
      subtitulos: Object.fromEntries(['21', '22', '24', '29', '33'].filter(() => r() < 0.6).map((k) => [k, maybe(Math.round(r() * big * 30), 0.1)])),
    },
    componentes: Array.from({ length: nComp }, (_, i) => ({
      nombre: `${pick(['Apoyo', 'Transferencias', 'Capacitación', 'Asistencia técnica integral a organizaciones comunitarias'])} ${i + 1}`,
      unidad: pick(['Personas', 'Proyectos', 'Organizaciones beneficiadas']),
      por_anio: byYear(() => ({ gasto: maybe(Math.round(r() * big * 20 * 10) / 10), produccion: maybe(Math.floor(r() * 5000)) })),
    })),
    gasto_administrativo: byYear(() => maybe(Math.round(r() * big * 5))),
    regiones: regions.map((g) => ({ region: r() < 0.5 ? g.code : g.name, gasto: maybe(Math.round(r() * big * 10), 0.05), beneficiarios: maybe(Math.floor(r() * 3000), 0.05) })),
    indicadores: Array.from({ length: nInd }, (_, i) => ({
      tipo: i === 0 ? 'proposito' : pick(['proposito', 'complementario']),
      nombre: `Indicador ${i + 1}: ${src.proposito.slice(0, 60 + Math.floor(r() * 80))}`,
      formula: '(N° de beneficiarios que logran el resultado en el año t / N° de beneficiarios del año t)*100',
      unidad: pick(['porcentaje', 'numero']),
      lectura: pick(['ascendente', 'descendente']),
      valores: byYear(() => maybe(Math.round(r() * 1000) / 10, 0.2)),
    })),
    analisis: {
      focalizacion: { criterios: pick(['sin_deficiencias', 'con_deficiencias', 'universal', 'sin_informacion']), hallazgos: r() < 0.5 ? [src.hallazgo_focalizacion] : [] },
      eficiencia: { gasto_administrativo: pick(['sin_falencias', 'con_falencias', 'sobre_20', 'sin_informacion']), hallazgos: [src.hallazgo_eficiencia] },
      eficacia: { pertinencia_indicador: pick(['pertinente', 'no_pertinente']), calidad_indicador: pick(['sin_deficiencias', 'con_deficiencias', 'no_reportado']), hallazgos: [] },
    },
    otros_atributos: { ods: [1 + Math.floor(r() * 17)], enfoque_genero: r() < 0.5, complementariedades: r() < 0.5 ? [src.complementariedades] : [] },
    contingencia_sanitaria: { fet: r() < 0.2 ? { monto: 1000, texto: 'Recursos para equipamiento.' } : false, modificaciones: false },
    recomendaciones: r() < 0.5 ? [{ tema: 'Diseño', texto: src.descripcion }] : [],
    observaciones_institucion: [{ titulo: 'Observaciones Generales', texto: `${src.descripcion}\n\n${src.proposito}` }],
  };
}

describe('programs of any shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-random-'));
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('random program %i renders cleanly', async (seed) => {
    const text = stringify(program(seed));
    const r = await renderFicha(`random-${seed}.yaml`, text);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const path = join(dir, `random-${seed}.pdf`);
    writeFileSync(path, r.pdf!);
    expect(await layoutProblems(path)).toEqual([]);
    expect(await pdfText(path)).toContain('VIII. NOTAS TÉCNICAS');
    expect(r.pdf!.length).toBeLessThan(200 * 1024);
    // every figure against the independent computation used for the examples
    const expected = expectedCells(text);
    const got = viewCells(present(fichaOf(text)).view);
    if (!expected.regiones_total) delete got.regiones_total;
    expect(comparable(got)).toEqual(comparable(expected));
  });
});
