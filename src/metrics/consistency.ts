import type { PathSegment } from '../load/locate.js';
import type { ProgramInput } from '../validate/schema.js';
import type { Figures } from './figures.js';
import { isMarker, type Value } from './value.js';
import { PLAUSIBLE } from '../load/limits.js';

/**
 * A consistency problem as numbers: its code, where it is, and the values that show it. The words
 * are the present stage's (present/warnings.ts).
 */
export interface ConsistencyWarning {
  code: string;
  path: PathSegment[];
  values: Record<string, number | string>;
}

/** A difference up to 0,5 per summed term is rounding, not inconsistency. */
const TOLERANCE_PER_TERM = 0.5;

/** The consistency checks of the input format, and verdicts that a figure contradicts. */
export function checkConsistency(input: ProgramInput, f: Figures): ConsistencyWarning[] {
  const out: ConsistencyWarning[] = [];
  const t = f.anio;
  const compare = (code: string, path: PathSegment[], a: Value, b: Value, terms: number, anio: number) => {
    if (isMarker(a) || isMarker(b)) return;
    if (Math.abs(a - b) > TOLERANCE_PER_TERM * Math.max(1, terms)) out.push({ code, path, values: { a, b, diferencia: Math.abs(a - b), anio } });
  };

  compare('subtitulos-vs-ejecutado', ['presupuesto', 'subtitulos'], f.subtitulos_total, f.ejecutado[t]!, f.subtitulos.length, t);
  for (const y of f.years) compare('gasto-total-vs-ejecutado', ['presupuesto', 'por_anio', String(y), 'ejecutado'], f.gasto_total[y]!, f.ejecutado[y]!, f.componentes.length + 1, y);
  if (f.regiones.length > 0) {
    compare('regiones-gasto', ['regiones'], f.regiones_total.gasto, f.gasto_componentes[t]!, f.regiones.length + f.componentes.length, t);
    compare('regiones-beneficiarios', ['regiones'], f.regiones_total.beneficiarios, f.beneficiaria[t]!, 0, t);
  }
  input.indicadores.forEach((ind, i) => {
    if (ind.unidad !== 'porcentaje') return;
    for (const [year, v] of Object.entries(ind.valores)) {
      if (typeof v === 'number' && (v < 0 || v > 100)) out.push({ code: 'porcentaje-fuera-de-rango', path: ['indicadores', i, 'valores', year], values: { indicador: ind.nombre, anio: Number(year), valor: v } });
    }
  });
  // A verdict that a figure of the same ficha contradicts.
  const adm = f.porcentaje_gasto_administrativo[t]!;
  if (input.analisis.eficiencia.gasto_administrativo === 'sobre_20' && !isMarker(adm) && adm <= 20) {
    out.push({ code: 'veredicto-contradice-cifra', path: ['analisis', 'eficiencia', 'gasto_administrativo'], values: { caso: 'sobre_20', anio: t, porcentaje: adm } });
  }
  const prior = input.analisis.focalizacion.priorizacion;
  const b = f.beneficiaria[t]!;
  const o = f.objetivo[t]!;
  if ((prior === 'sin_deficiencias' || prior === 'universal') && !isMarker(b) && !isMarker(o) && b > o) {
    out.push({ code: 'veredicto-contradice-cifra', path: ['analisis', 'focalizacion', 'priorizacion'], values: { caso: 'priorizacion', veredicto: prior, anio: t, beneficiaria: b, objetivo: o } });
  }
  // Plausibility: figures a person would question, though they render.
  for (const [year, v] of Object.entries(input.ficha.moneda.inflactores)) {
    if (v < PLAUSIBLE.inflactor[0] || v > PLAUSIBLE.inflactor[1]) out.push({ code: 'inflactor-inusual', path: ['ficha', 'moneda', 'inflactores', year], values: { anio: Number(year), valor: v, min: PLAUSIBLE.inflactor[0], max: PLAUSIBLE.inflactor[1] } });
  }
  if (input.componentes.length > PLAUSIBLE.components) out.push({ code: 'demasiados-componentes', path: ['componentes'], values: { n: input.componentes.length, max: PLAUSIBLE.components } });
  if (input.indicadores.length > PLAUSIBLE.indicators) out.push({ code: 'demasiados-indicadores', path: ['indicadores'], values: { n: input.indicadores.length, max: PLAUSIBLE.indicators } });
  if (input.programa.anio_inicio > t) out.push({ code: 'inicio-posterior', path: ['programa', 'anio_inicio'], values: { inicio: input.programa.anio_inicio, anio: t } });
  return out;
}
