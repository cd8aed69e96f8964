import { findRegion, type Region } from '../catalogs/catalogs.js';
import type { ProgramInput } from '../validate/schema.js';
import { mapSeries, seriesFrom, yearsOf, type Series, type Years } from './series.js';
import { div, isMarker, mean, mul, percent, sub, sum, variation, type Value } from './value.js';

export interface ComponentFigures {
  nombre: string;
  unidad: string;
  gasto: Series;
  produccion: Series;
  gasto_unitario: Series;
}

export interface RegionFigures {
  region: Region;
  gasto: Value;
  beneficiarios: Value;
}

export type Trend = 'aumentó' | 'disminuyó' | 'se mantuvo';

export interface IndicatorFigures {
  tipo: 'proposito' | 'complementario';
  /** 1-based position among the indicators of the same tipo. */
  numero: number;
  nombre: string;
  formula: string;
  unidad: 'porcentaje' | 'numero';
  lectura: 'ascendente' | 'descendente';
  valores: Series;
  /** value.t - value.t1 */
  variacion: Value;
  tendencia: Trend | undefined;
}

/** Every derived figure of the input format, unrounded. */
export interface Figures {
  anio: number;
  years: Years;
  objetivo: Series;
  beneficiaria: Series;
  cobertura: Series;
  inicial: Series;
  final: Series;
  ejecutado: Series;
  extrapresupuestario: Series;
  ejecucion_inicial: Series;
  ejecucion_final: Series;
  componentes: ComponentFigures[];
  gasto_administrativo: Series;
  gasto_componentes: Series;
  gasto_total: Series;
  porcentaje_gasto_administrativo: Series;
  gasto_por_beneficiario: Series;
  gasto_por_beneficiario_variacion_anual: Value;
  gasto_por_beneficiario_variacion_promedio: Value;
  subtitulos: { codigo: string; monto: Value }[];
  subtitulos_total: Value;
  regiones: RegionFigures[];
  regiones_total: { gasto: Value; beneficiarios: Value };
  indicadores: IndicatorFigures[];
}

/** The inflactor of a year for `montos: nominales`; 1 for `reales`. */
export function amountFactor(input: ProgramInput, year: number): Value {
  if (input.ficha.moneda.montos !== 'nominales') return 1;
  return input.ficha.moneda.inflactores[String(year)] ?? 'S/I';
}

export function computeFigures(input: ProgramInput): Figures {
  const t = input.ficha.anio;
  const years = yearsOf(t);
  const real = (y: number, v: Value): Value => (isMarker(v) ? v : mul(v, amountFactor(input, y)));
  const amountSeries = <T>(map: Readonly<Record<string, T>>, pick: (e: T) => Value): Series =>
    mapSeries(years, (y) => real(y, seriesFrom(years, map, pick)[y]!));

  const objetivo = seriesFrom(years, input.poblacion.por_anio, (e) => e.objetivo);
  const beneficiaria = seriesFrom(years, input.poblacion.por_anio, (e) => e.beneficiaria);
  const budget = input.presupuesto.por_anio;
  const inicial = amountSeries(budget, (e) => e.inicial);
  const final = amountSeries(budget, (e) => e.final);
  const ejecutado = amountSeries(budget, (e) => e.ejecutado);
  const extrapresupuestario = amountSeries(budget, (e) => e.extrapresupuestario);

  const componentes = input.componentes.map((c): ComponentFigures => {
    const gasto = amountSeries(c.por_anio, (e) => e.gasto);
    const produccion = seriesFrom(years, c.por_anio, (e) => e.produccion);
    return { nombre: c.nombre, unidad: c.unidad, gasto, produccion, gasto_unitario: mapSeries(years, (y) => div(gasto[y]!, produccion[y]!)) };
  });
  const gasto_administrativo = amountSeries(input.gasto_administrativo, (v) => v);
  const gasto_componentes = mapSeries(years, (y) => sum(componentes.map((c) => c.gasto[y]!)));
  const gasto_total = mapSeries(years, (y) => sum([gasto_componentes[y]!, gasto_administrativo[y]!]));
  const gasto_por_beneficiario = mapSeries(years, (y) => div(gasto_total[y]!, beneficiaria[y]!));
  const [t2, t1] = years;

  const subtitulos = Object.entries(input.presupuesto.subtitulos)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([codigo, monto]) => ({ codigo, monto: real(t, monto) }));

  const regiones = input.regiones
    .map((r) => ({ region: findRegion(r.region)!, gasto: real(t, r.gasto), beneficiarios: r.beneficiarios as Value }))
    .sort((a, b) => a.region.order - b.region.order);

  const counters = { proposito: 0, complementario: 0 };
  const indicadores = input.indicadores.map((ind): IndicatorFigures => {
    const valores = seriesFrom(years, ind.valores, (v) => v);
    const variacion = sub(valores[t]!, valores[t1]!);
    // The trend is judged on the values as printed (one decimal, half away from zero): 76,04 and
    // 76,0 both print "76,0", so the indicator se mantuvo.
    const printed = sub(atPrintedResolution(valores[t]!), atPrintedResolution(valores[t1]!));
    return {
      tipo: ind.tipo,
      numero: ++counters[ind.tipo],
      nombre: ind.nombre,
      formula: ind.formula,
      unidad: ind.unidad,
      lectura: ind.lectura,
      valores,
      variacion,
      tendencia: trendOf(printed),
    };
  });

  return {
    anio: t,
    years,
    objetivo,
    beneficiaria,
    cobertura: mapSeries(years, (y) => percent(beneficiaria[y]!, objetivo[y]!)),
    inicial,
    final,
    ejecutado,
    extrapresupuestario,
    ejecucion_inicial: mapSeries(years, (y) => percent(ejecutado[y]!, inicial[y]!)),
    ejecucion_final: mapSeries(years, (y) => percent(ejecutado[y]!, final[y]!)),
    componentes,
    gasto_administrativo,
    gasto_componentes,
    gasto_total,
    porcentaje_gasto_administrativo: mapSeries(years, (y) => percent(gasto_administrativo[y]!, gasto_total[y]!)),
    gasto_por_beneficiario,
    gasto_por_beneficiario_variacion_anual: variation(gasto_por_beneficiario[t]!, gasto_por_beneficiario[t1]!),
    gasto_por_beneficiario_variacion_promedio: variation(
      gasto_por_beneficiario[t]!,
      mean([gasto_por_beneficiario[t1]!, gasto_por_beneficiario[t2]!]),
    ),
    subtitulos,
    // No subtítulos reported: their total is N/A (nothing to compare), not 0.
    subtitulos_total: subtitulos.length ? sum(subtitulos.map((s) => s.monto)) : 'N/A',
    regiones,
    regiones_total: { gasto: sum(regiones.map((r) => r.gasto)), beneficiarios: sum(regiones.map((r) => r.beneficiarios)) },
    indicadores,
  };
}

/** Indicator values print with one decimal, rounded half away from zero. */
export const INDICATOR_DECIMALS = 1;
function atPrintedResolution(v: Value): Value {
  if (isMarker(v)) return v;
  const f = 10 ** INDICATOR_DECIMALS;
  return (Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9)) / f;
}

function trendOf(variacion: Value): Trend | undefined {
  if (isMarker(variacion)) return undefined;
  if (Math.abs(variacion) < 1e-9) return 'se mantuvo';
  return variacion > 0 ? 'aumentó' : 'disminuyó';
}

