import { num } from '../format/format.js';
import type { ConsistencyWarning } from '../metrics/consistency.js';

/** A number in a message: whole numbers as they are, others with one decimal. */
const n = (v: number | string) => (typeof v === 'number' ? num(v, Number.isInteger(v) ? 0 : 1) : v);

/** The Spanish message of a consistency warning. */
export function warningMessage(w: ConsistencyWarning): string {
  const v = w.values;
  if (v.tipo === 'rango' || v.tipo === 'salto' || v.tipo === 'veredicto') return plausibilityMessage(w);
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

/** What each term of a plausibility rule is called in a message. */
const TERMS: Record<string, string> = {
  ejecutado: 'presupuesto ejecutado',
  inicial: 'presupuesto inicial',
  final: 'presupuesto final',
  beneficiaria: 'población beneficiaria',
  objetivo: 'población objetivo',
  gasto_total: 'gasto total',
};

/** A plausibility rule's warning, naming the figures it compared (plausibility.json). */
function plausibilityMessage(w: ConsistencyWarning): string {
  const v = w.values;
  const term = (name: string | number | undefined, value: number | string | undefined) => `${TERMS[String(name)] ?? String(name)} ${n(value!)}`;
  if (v.tipo === 'rango') {
    const side = Number(v.valor) > Number(v.maximo) ? `mayor que ${n(v.maximo!)}%` : `menor que ${n(v.minimo!)}%`;
    const pct = num(Number(v.valor), Math.abs(Number(v.valor)) >= 100 ? 0 : 1);
    return `${v.nombre} ${v.anio} es ${pct}% (${term(v.a, v.va)} / ${term(v.b, v.vb)}): ${side}, fuera de lo plausible; revise esas cifras (¿un punto de miles, dígitos de más o de menos?)`;
  }
  if (v.tipo === 'salto') {
    return `${v.nombre} pasa de ${n(v.v0!)} en ${v.anio0} a ${n(v.v1!)} en ${v.anio}: cambia más de ${v.factor} veces de un año al otro; revise el gasto y los beneficiarios de esos años`;
  }
  const figure = typeof v.valor === 'number' ? `${n(v.valor)}${v.porcentaje !== undefined ? ` (${n(v.porcentaje)}% del gasto total)` : ''}` : String(v.valor);
  return w.code === 'veredicto-sin-informacion'
    ? `${v.campo}: ${v.veredicto} dice que no hay información, pero ${v.nombre} ${v.anio} es ${figure}: elija el veredicto que corresponde a esa cifra, o borre la cifra`
    : `${v.campo}: ${v.veredicto} evalúa ${v.nombre}, pero ${v.nombre} ${v.anio} es ${figure}: sin la cifra corresponde sin_informacion`;
}
