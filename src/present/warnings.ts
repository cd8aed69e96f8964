import { num } from '../format/format.js';
import type { ConsistencyWarning } from '../metrics/consistency.js';

/** A number in a message: whole numbers as they are, others with one decimal. */
const n = (v: number | string) => (typeof v === 'number' ? num(v, Number.isInteger(v) ? 0 : 1) : v);

/** The Spanish message of a consistency warning. */
export function warningMessage(w: ConsistencyWarning): string {
  const v = w.values;
  const diff = (what: string, against: string) => `diferencia de ${n(v.diferencia!)} entre ${what} (${n(v.a!)}) y ${against} (${n(v.b!)})`;
  switch (w.code) {
    case 'subtitulos-vs-ejecutado':
      return diff('la suma de los subtítulos', `el presupuesto ejecutado ${v.anio}`);
    case 'gasto-total-vs-ejecutado':
      return diff(`el gasto total ${v.anio} (componentes + gasto administrativo)`, `el presupuesto ejecutado ${v.anio}`);
    case 'regiones-gasto':
      return diff('el gasto total de las regiones', `el gasto de los componentes ${v.anio}`);
    case 'regiones-beneficiarios':
      return diff('los beneficiarios de las regiones', `la población beneficiaria ${v.anio}`);
    case 'porcentaje-fuera-de-rango':
      return `el indicador «${v.indicador}» es un porcentaje, pero su valor ${v.anio} es ${n(v.valor!)} (fuera de 0..100)`;
    case 'beneficiaria-mayor-que-objetivo':
      return `la población beneficiaria ${v.anio} (${n(v.beneficiaria!)}) es mayor que la población objetivo (${n(v.objetivo!)})`;
    case 'veredicto-contradice-cifra':
      return v.caso === 'sobre_20'
        ? `gasto_administrativo: sobre_20 dice «superior al 20%», pero el gasto administrativo ${v.anio} es el ${n(v.porcentaje!)}% del gasto total`
        : `priorizacion: ${v.veredicto} dice que la población beneficiada es un subconjunto de la objetivo, pero en ${v.anio} la beneficiada (${n(v.beneficiaria!)}) supera a la objetivo (${n(v.objetivo!)})`;
    case 'inflactor-inusual':
      return `el inflactor ${v.anio} es ${n(v.valor!)}: se esperaba un valor entre ${n(v.min!)} y ${n(v.max!)}`;
    case 'demasiados-componentes':
      return `${v.n} componentes: una ficha suele tener a lo más ${v.max}`;
    case 'demasiados-indicadores':
      return `${v.n} indicadores: una ficha suele tener a lo más ${v.max}`;
    case 'inicio-posterior':
      return `el año de inicio (${v.inicio}) es posterior al año de la ficha (${v.anio})`;
    case 'clave-no-usada':
      return `la metodología ${v.metodologia} no evalúa ${v.clave}: la clave no se usa en la ficha (la evalúa, por ejemplo, dipres-2025)`;
    default:
      return w.code;
  }
}
