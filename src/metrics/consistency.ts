import type { PathSegment } from '../load/locate.js';
import type { ProgramInput } from '../validate/schema.js';
import type { Figures } from './figures.js';
import { isMarker, type Value } from './value.js';
import { PLAUSIBLE } from '../load/limits.js';

export interface ConsistencyWarning {
  code: string;
  message: string;
  path: PathSegment[];
}

/** A difference up to 0,5 per summed term is rounding, not inconsistency. */
const TOLERANCE_PER_TERM = 0.5;

/** The consistency checks of INPUT.md. `fmt` prints a number for the message. */
export function checkConsistency(input: ProgramInput, f: Figures, fmt: (v: number) => string): ConsistencyWarning[] {
  const out: ConsistencyWarning[] = [];
  const t = f.anio;
  const compare = (code: string, path: PathSegment[], what: string, a: Value, b: Value, terms: number, against: string) => {
    if (isMarker(a) || isMarker(b)) return;
    const diff = a - b;
    if (Math.abs(diff) > TOLERANCE_PER_TERM * Math.max(1, terms)) {
      out.push({ code, path, message: `diferencia de ${fmt(Math.abs(diff))} entre ${what} (${fmt(a)}) y ${against} (${fmt(b)})` });
    }
  };

  compare('subtitulos-vs-ejecutado', ['presupuesto', 'subtitulos'], 'la suma de los subtítulos', f.subtitulos_total, f.ejecutado[t]!, f.subtitulos.length, `el presupuesto ejecutado ${t}`);
  for (const y of f.years) {
    compare('gasto-total-vs-ejecutado', ['presupuesto', 'por_anio', String(y), 'ejecutado'], `el gasto total ${y} (componentes + gasto administrativo)`, f.gasto_total[y]!, f.ejecutado[y]!, f.componentes.length + 1, `el presupuesto ejecutado ${y}`);
  }
  if (f.regiones.length > 0) {
    compare('regiones-gasto', ['regiones'], 'el gasto total de las regiones', f.regiones_total.gasto, f.gasto_componentes[t]!, f.regiones.length + f.componentes.length, `el gasto de los componentes ${t}`);
    compare('regiones-beneficiarios', ['regiones'], 'los beneficiarios de las regiones', f.regiones_total.beneficiarios, f.beneficiaria[t]!, 0, `la población beneficiaria ${t}`);
  }
  input.indicadores.forEach((ind, i) => {
    if (ind.unidad !== 'porcentaje') return;
    for (const [year, v] of Object.entries(ind.valores)) {
      if (typeof v === 'number' && (v < 0 || v > 100)) {
        out.push({ code: 'porcentaje-fuera-de-rango', path: ['indicadores', i, 'valores', year], message: `el indicador «${ind.nombre}» es un porcentaje, pero su valor ${year} es ${fmt(v)} (fuera de 0..100)` });
      }
    }
  });
  for (const y of f.years) {
    const b = f.beneficiaria[y]!;
    const o = f.objetivo[y]!;
    if (!isMarker(b) && !isMarker(o) && b > o) {
      out.push({ code: 'beneficiaria-mayor-que-objetivo', path: ['poblacion', 'por_anio', String(y), 'beneficiaria'], message: `la población beneficiaria ${y} (${fmt(b)}) es mayor que la población objetivo (${fmt(o)})` });
    }
  }
  // A verdict that a figure of the same ficha contradicts.
  const adm = f.porcentaje_gasto_administrativo[t]!;
  if (input.analisis.eficiencia.gasto_administrativo === 'sobre_20' && !isMarker(adm) && adm <= 20) {
    out.push({ code: 'veredicto-contradice-cifra', path: ['analisis', 'eficiencia', 'gasto_administrativo'], message: `gasto_administrativo: sobre_20 dice «superior al 20%», pero el gasto administrativo ${t} es el ${fmt(adm)}% del gasto total` });
  }
  const prior = input.analisis.focalizacion.priorizacion;
  const b = f.beneficiaria[t]!;
  const o = f.objetivo[t]!;
  if ((prior === 'sin_deficiencias' || prior === 'universal') && !isMarker(b) && !isMarker(o) && b > o) {
    out.push({ code: 'veredicto-contradice-cifra', path: ['analisis', 'focalizacion', 'priorizacion'], message: `priorizacion: ${prior} dice que la población beneficiada es un subconjunto de la objetivo, pero en ${t} la beneficiada (${fmt(b)}) supera a la objetivo (${fmt(o)})` });
  }
  // Plausibility: figures a person would question, though they render.
  for (const [year, v] of Object.entries(input.ficha.moneda.inflactores)) {
    if (v < PLAUSIBLE.inflactor[0] || v > PLAUSIBLE.inflactor[1]) {
      out.push({ code: 'inflactor-inusual', path: ['ficha', 'moneda', 'inflactores', year], message: `el inflactor ${year} es ${fmt(v)}: se esperaba un valor entre ${PLAUSIBLE.inflactor[0]} y ${PLAUSIBLE.inflactor[1]}` });
    }
  }
  if (input.componentes.length > PLAUSIBLE.components) {
    out.push({ code: 'demasiados-componentes', path: ['componentes'], message: `${input.componentes.length} componentes: una ficha suele tener a lo más ${PLAUSIBLE.components}` });
  }
  if (input.indicadores.length > PLAUSIBLE.indicators) {
    out.push({ code: 'demasiados-indicadores', path: ['indicadores'], message: `${input.indicadores.length} indicadores: una ficha suele tener a lo más ${PLAUSIBLE.indicators}` });
  }
  if (input.programa.anio_inicio > t) {
    out.push({ code: 'inicio-posterior', path: ['programa', 'anio_inicio'], message: `el año de inicio (${input.programa.anio_inicio}) es posterior al año de la ficha (${t})` });
  }
  return out;
}
