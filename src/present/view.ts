import type { PathSegment } from '../load/locate.js';
import type { Ficha } from '../metrics/ficha.js';
import { omittedRules } from '../metrics/rules.js';
import { indicatorSentence, wordRules, type RuleResult } from './sentences.js';
import type { Series } from '../metrics/series.js';
import type { Value } from '../metrics/value.js';
import { findOds, REGIONS } from '../catalogs/catalogs.js';
import { SUBTITULOS } from '../catalogs/catalogs.js';
import { chartData, type ChartData } from './chartData.js';
import { figureContext } from './figureContext.js';
import { money, num, pct, trimmed } from '../format/format.js';
import { renderNarrative, type NarrativeProblem } from './narrative.js';
import { paragraphs } from './paragraphs.js';

type Three = [string, string, string];

/** What a template needs to place a chart: the data itself goes to the PDF stage. */
export interface ChartView {
  name: string;
  alt: string;
  hay_datos: boolean;
  /** Which values are markers, shown as gaps. */
  nota: string;
  /** One-line note printed instead of a chart with no numeric data. */
  sin_datos: string;
  /** Suggested height in points, for charts whose height grows with their rows. */
  alto: number;
  /** For an indicator's chart: which indicator it shows (the template words its caption). */
  indicador?: { proposito: boolean; numero: number; nombre: string };
}

export interface IndicatorRow {
  nombre: string;
  formula: string;
  valores: Three;
  resultado: string;
}

/** Everything the templates print, already as es-CL text. */
export interface View {
  anio: number;
  anio_anterior: number;
  years: [number, number, number];
  periodo: string;
  moneda: string;
  anio_base: number;
  montos_nominales: boolean;
  metodologia: string;
  programa: { nombre: string; servicio: string; ministerio: string; anio_inicio: number; anio_termino: string };
  descripcion: string[];
  proposito: string[];
  regiones_con_beneficiarios: string;
  historial: { ex_ante: string; ex_post_dipres: string; otras: string };
  dimensiones: { titulo: string; resultados: string[]; hallazgos: string[]; sin_hallazgos: string }[];
  poblacion: { descripcion: string[]; cobertura: Three };
  presupuesto: { ejecucion_inicial: Three; ejecucion_final: Three; ejecutado: Three; extrapresupuestario: Three };
  subtitulos: { filas: { codigo: string; nombre: string; monto: string }[]; total: string };
  componentes: {
    filas: { nombre: string; unidad: string; gasto: Three; produccion: Three; unitario: Three }[];
    administrativo: Three;
    total: Three;
    porcentaje: Three;
  };
  gasto_por_beneficiario: Three;
  regiones: { filas: { nombre: string; gasto: string; beneficiarios: string }[]; total: { gasto: string; beneficiarios: string } };
  indicadores_proposito: IndicatorRow[];
  indicadores_complementarios: IndicatorRow[];
  ods: { numero: number; titulo: string; texto: string }[];
  enfoque_genero: { declara: boolean; texto: string[] };
  complementariedades: string[];
  fet: { ejecuto: boolean; monto: string; texto: string[] };
  modificaciones: { declara: boolean; texto: string[] };
  recomendaciones: { tema: string; parrafos: string[] }[];
  observaciones: { titulo: string; parrafos: string[] }[];
  inflactores: { anio: string; valor: string }[];
  con_graficos: boolean;
  graficos: Record<string, ChartView>;
  /** Indicator charts in rows of three (a missing one is undefined), per table. */
  graficos_indicadores_proposito: (ChartView | undefined)[][];
  graficos_indicadores_complementarios: (ChartView | undefined)[][];
}

export interface PresentResult {
  view: View;
  problems: NarrativeProblem[];
  charts: Record<string, ChartData>;
}

export interface PresentOptions {
  charts?: boolean;
}

const NO_DATA: Record<string, string> = {
  cobertura: 'Sin datos numéricos de cobertura para graficar.',
  ejecucion: 'Sin datos numéricos de ejecución presupuestaria para graficar.',
  subtitulos: 'Sin datos numéricos de gasto por subtítulo para graficar.',
  'gasto-beneficiario': 'Sin datos numéricos de gasto por beneficiario para graficar.',
  'regiones-gasto': 'Sin datos numéricos de gasto regional para graficar.',
  'regiones-beneficiarios': 'Sin datos numéricos de beneficiarios por región para graficar.',
};

function chartView(c: ChartData): ChartView {
  const rows = c.rows.length;
  return {
    name: c.name,
    alt: c.alt,
    hay_datos: c.hasData,
    nota: c.gaps ?? '',
    sin_datos: NO_DATA[c.name] ?? 'Sin valores numéricos del indicador para graficar.',
    alto: Math.round(26 + 11 * Math.max(rows, 2)),
  };
}

function inRows<T>(items: T[], n: number): (T | undefined)[][] {
  const out: (T | undefined)[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(Array.from({ length: n }, (_, k) => items[i + k]));
  return out;
}

/** Consecutive results under the same label share it: "Ejecución presupuestaria: S1 S2". */
function labelled(results: readonly RuleResult[]): string[] {
  const out: { label: string; texts: string[] }[] = [];
  for (const r of results) {
    const last = out[out.length - 1];
    if (last && r.label && last.label === r.label) last.texts.push(r.text);
    else out.push({ label: r.label, texts: [r.text] });
  }
  return out.map((g) => [g.label, ...g.texts].filter(Boolean).join(' '));
}

/**
 * HALLAZGOS: the repeated findings, then the analyst's own. A finding the analyst already wrote
 * out in full (inputs written before findings were repeated) is not printed twice.
 */
function withFindings(findings: readonly RuleResult[], own: string[]): string[] {
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
  const written = own.map(fold);
  return [...labelled(findings.filter((r) => !written.some((w) => w.includes(fold(r.text))))), ...own];
}

const three = (years: readonly number[], s: Series, f: (v: Value) => string): Three => years.map((y) => f(s[y]!)) as Three;

/** Ficha -> view model: es-CL strings, markers, catalog names, narratives filled. */
export function present(f: Ficha, opts: PresentOptions = {}): PresentResult {
  const problems: NarrativeProblem[] = [];
  const ctx = figureContext(f);
  const text = (value: string, path: PathSegment[]) => paragraphs(renderNarrative(value, ctx, path, problems));
  const oneParagraph = (value: string, path: PathSegment[]) => text(value, path).join(' ');
  const boolOrText = (v: boolean | string, path: PathSegment[]) => ({ declara: v !== false, texto: typeof v === 'string' ? text(v, path) : [] });

  const { input, figures: g } = f;
  const omitted = omittedRules(input);
  const ys = g.years;
  const p = input.programa;
  const hist = (v: boolean | string, path: PathSegment[]) => (typeof v === 'string' ? oneParagraph(v, path) : v ? 'Sí' : 'No');
  const indicatorRow = (i: (typeof g.indicadores)[number]): IndicatorRow => ({
    nombre: i.nombre,
    formula: i.formula.replace(/\s+/g, ' ').trim(),
    valores: three(ys, i.valores, (v) => (v === 'S/I' ? 'S/I*' : v === 'N/A' ? 'N/A**' : i.unidad === 'porcentaje' ? pct(v, 1) : num(v, 1))),
    resultado: indicatorSentence(f.ruleSet, i, g.anio, omitted),
  });
  const fet = input.contingencia_sanitaria.fet;
  const charts = chartData(f);
  const graficos = Object.fromEntries(Object.values(charts).map((c) => [c.name, chartView(c)]));
  for (const [i, ind] of g.indicadores.entries()) {
    const c = graficos[`indicador-${i + 1}`];
    if (c) c.indicador = { proposito: ind.tipo === 'proposito', numero: ind.numero, nombre: ind.nombre };
  }
  const indicatorCharts = (tipo: 'proposito' | 'complementario') =>
    inRows(
      g.indicadores.map((ind, i) => ({ ind, c: graficos[`indicador-${i + 1}`]! })).filter((x) => x.ind.tipo === tipo).map((x) => x.c),
      3,
    );
  const regionRows = g.regiones.filter((r) => !(r.gasto === 0 && r.beneficiarios === 0));

  const view: View = {
    anio: g.anio,
    anio_anterior: g.anio - 1,
    years: [...ys],
    periodo: `${ys[0]}-${ys[2]}`,
    moneda: `M$ ${input.ficha.moneda.anio_base}`,
    anio_base: input.ficha.moneda.anio_base,
    montos_nominales: input.ficha.moneda.montos === 'nominales',
    metodologia: f.ruleSet.id,
    programa: { nombre: p.nombre, servicio: p.servicio, ministerio: p.ministerio, anio_inicio: p.anio_inicio, anio_termino: String(p.anio_termino) },
    descripcion: text(p.descripcion, ['programa', 'descripcion']),
    proposito: text(p.proposito, ['programa', 'proposito']),
    regiones_con_beneficiarios: g.regiones
      .filter((r) => r.region.order < REGIONS.length && r.beneficiarios !== 0 && r.beneficiarios !== 'N/A')
      .map((r) => r.region.name)
      .join(', '),
    historial: {
      ex_ante: hist(p.historial_evaluativo.ex_ante, ['programa', 'historial_evaluativo', 'ex_ante']),
      ex_post_dipres: hist(p.historial_evaluativo.ex_post_dipres, ['programa', 'historial_evaluativo', 'ex_post_dipres']),
      otras: hist(p.historial_evaluativo.otras, ['programa', 'historial_evaluativo', 'otras']),
    },
    dimensiones: wordRules(f.ruleSet, f.dimensiones, g.anio).map((d) => ({
      titulo: d.titulo,
      resultados: labelled(d.resultados),
      hallazgos: withFindings(
        d.hallazgos,
        input.analisis[d.id].hallazgos.map((h, i) => oneParagraph(h, ['analisis', d.id, 'hallazgos', i])),
      ),
      sin_hallazgos: d.sin_hallazgos,
    })),
    poblacion: { descripcion: text(input.poblacion.descripcion, ['poblacion', 'descripcion']), cobertura: three(ys, g.cobertura, (v) => pct(v, 1)) },
    presupuesto: {
      ejecucion_inicial: three(ys, g.ejecucion_inicial, (v) => pct(v, 0)),
      ejecucion_final: three(ys, g.ejecucion_final, (v) => pct(v, 0)),
      ejecutado: three(ys, g.ejecutado, money),
      extrapresupuestario: three(ys, g.extrapresupuestario, money),
    },
    subtitulos: {
      filas: g.subtitulos.map((s) => ({ codigo: s.codigo, nombre: (Object.hasOwn(SUBTITULOS, s.codigo) && SUBTITULOS[s.codigo]) || '', monto: money(s.monto) })),
      total: money(g.subtitulos_total),
    },
    componentes: {
      filas: g.componentes.map((c) => ({
        nombre: c.nombre,
        unidad: c.unidad,
        gasto: three(ys, c.gasto, money),
        produccion: three(ys, c.produccion, (v) => num(v, 0)),
        unitario: three(ys, c.gasto_unitario, (v) => num(v, 1)),
      })),
      administrativo: three(ys, g.gasto_administrativo, money),
      total: three(ys, g.gasto_total, money),
      porcentaje: three(ys, g.porcentaje_gasto_administrativo, (v) => pct(v, 1)),
    },
    gasto_por_beneficiario: three(ys, g.gasto_por_beneficiario, (v) => num(v, 1)),
    regiones: {
      filas: regionRows.map((r) => ({ nombre: r.region.name, gasto: money(r.gasto), beneficiarios: num(r.beneficiarios, 0) })),
      total: { gasto: money(g.regiones_total.gasto), beneficiarios: num(g.regiones_total.beneficiarios, 0) },
    },
    indicadores_proposito: g.indicadores.filter((i) => i.tipo === 'proposito').map(indicatorRow),
    indicadores_complementarios: g.indicadores.filter((i) => i.tipo === 'complementario').map(indicatorRow),
    ods: input.otros_atributos.ods.map((n) => findOds(n)!).filter(Boolean),
    enfoque_genero: boolOrText(input.otros_atributos.enfoque_genero, ['otros_atributos', 'enfoque_genero']),
    complementariedades: input.otros_atributos.complementariedades.map((c, i) => oneParagraph(c, ['otros_atributos', 'complementariedades', i])),
    fet: {
      ejecuto: fet !== false,
      monto: typeof fet === 'object' ? money(fet.monto) : '',
      texto: typeof fet === 'object' ? text(fet.texto, ['contingencia_sanitaria', 'fet', 'texto']) : [],
    },
    modificaciones: boolOrText(input.contingencia_sanitaria.modificaciones, ['contingencia_sanitaria', 'modificaciones']),
    recomendaciones: input.recomendaciones.map((r, i) => ({ tema: r.tema, parrafos: text(r.texto, ['recomendaciones', i, 'texto']) })),
    observaciones: input.observaciones_institucion.map((o, i) => ({ titulo: o.titulo, parrafos: text(o.texto, ['observaciones_institucion', i, 'texto']) })),
    inflactores: Object.entries(input.ficha.moneda.inflactores)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([anio, v]) => ({ anio, valor: trimmed(v, 4) })),
    con_graficos: opts.charts !== false,
    graficos,
    graficos_indicadores_proposito: indicatorCharts('proposito'),
    graficos_indicadores_complementarios: indicatorCharts('complementario'),
  };
  return { view, problems, charts };
}

