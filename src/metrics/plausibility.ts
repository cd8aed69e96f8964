import { z } from 'zod';
import type { ProgramInput } from '../validate/schema.js';
import type { ConsistencyWarning } from './consistency.js';
import type { Figures } from './figures.js';
import type { Series } from './series.js';
import { isMarker, type Value } from './value.js';
import rulesData from './plausibility.json' with { type: 'json' };

/**
 * Plausibility and contradiction checks are data (`plausibility.json`): a figure outside the range
 * a real program can have, a figure that jumps tenfold in a year, a verdict that says "sin
 * información" beside the figures it judges (or judges figures that are not there). Each warning
 * carries the figures it compared; present/warnings.ts words it.
 */
const FIGURES = ['ejecucion_inicial', 'ejecucion_final', 'cobertura', 'gasto_por_beneficiario', 'gasto_administrativo', 'gasto_total', 'ejecutado', 'inicial', 'final', 'beneficiaria', 'objetivo', 'indicador_proposito'] as const;
type FigureName = (typeof FIGURES)[number];
const figure = z.enum(FIGURES);
const base = { id: z.string().regex(/^[a-z0-9-]+$/), figura: figure, nombre: z.string() };
const ruleSchema = z.discriminatedUnion('tipo', [
  z.strictObject({ ...base, tipo: z.literal('rango'), minimo: z.number(), maximo: z.number(), terminos: z.tuple([figure, figure]), clave: z.array(z.string()) }),
  z.strictObject({ ...base, tipo: z.literal('salto'), factor: z.number().gt(1), terminos: z.tuple([figure, figure]), clave: z.array(z.string()) }),
  z.strictObject({
    ...base,
    tipo: z.literal('veredicto'),
    campo: z.enum(['eficiencia.gasto_administrativo', 'eficacia.calidad_indicador']),
    valores: z.array(z.string()).min(1),
    cuando: z.enum(['hay_cifra', 'sin_cifra']),
  }),
]);
export type PlausibilityRule = z.infer<typeof ruleSchema>;

export const PLAUSIBILITY_RULES: readonly PlausibilityRule[] = z.strictObject({ reglas: z.array(ruleSchema) }).parse(rulesData).reglas;

/** Every code these rules can emit, for `ficha.omitir_avisos` and the README. */
export const PLAUSIBILITY_CODES = [...new Set(PLAUSIBILITY_RULES.map((r) => r.id))];

/** `indicador_proposito`: the propósito indicator a verdict is about (`indicador: n`), else the first. */
function seriesOf(f: Figures, name: FigureName, indicador = 1): Series {
  if (name === 'indicador_proposito') return f.indicadores.filter((i) => i.tipo === 'proposito')[indicador - 1]?.valores ?? {};
  return f[name];
}

export function checkPlausibility(input: ProgramInput, f: Figures): ConsistencyWarning[] {
  const out: ConsistencyWarning[] = [];
  const t = f.anio;
  for (const rule of PLAUSIBILITY_RULES) {
    const series = seriesOf(f, rule.figura);
    if (rule.tipo === 'rango') {
      for (const y of f.years) {
        const v = series[y]!;
        if (isMarker(v) || (v >= rule.minimo && v <= rule.maximo)) continue;
        const [a, b] = rule.terminos;
        out.push({
          code: rule.id,
          path: rule.clave.map((k) => (k === '{anio}' ? String(y) : k)),
          values: { tipo: 'rango', nombre: rule.nombre, anio: y, valor: v, minimo: rule.minimo, maximo: rule.maximo, a, va: seriesOf(f, a)[y]!, b, vb: seriesOf(f, b)[y]! },
        });
      }
    } else if (rule.tipo === 'salto') {
      for (let i = 1; i < f.years.length; i++) {
        const [y0, y1] = [f.years[i - 1]!, f.years[i]!];
        const [v0, v1] = [series[y0]!, series[y1]!];
        if (isMarker(v0) || isMarker(v1) || v0 <= 0 || v1 <= 0) continue;
        if (v1 / v0 <= rule.factor && v0 / v1 <= rule.factor) continue;
        out.push({
          code: rule.id,
          path: rule.clave.map((k) => (k === '{anio}' ? String(y1) : k)),
          values: { tipo: 'salto', nombre: rule.nombre, anio0: y0, anio: y1, v0, v1, factor: rule.factor },
        });
      }
    } else {
      const { verdict, indicador } = verdictOf(input, rule.campo);
      if (verdict === undefined || !rule.valores.includes(verdict)) continue;
      const v: Value = seriesOf(f, rule.figura, indicador)[t] ?? 'N/A';
      if (rule.cuando === 'hay_cifra' ? isMarker(v) : !isMarker(v)) continue;
      const [dim, key] = rule.campo.split('.') as [string, string];
      const nombre = rule.figura === 'indicador_proposito' ? rule.nombre.replace(/\b1$/, String(indicador)) : rule.nombre;
      const values: Record<string, number | string> = { tipo: 'veredicto', nombre, campo: key, veredicto: verdict, anio: t, valor: v };
      if (rule.figura === 'gasto_administrativo' && !isMarker(f.porcentaje_gasto_administrativo[t]!)) values.porcentaje = f.porcentaje_gasto_administrativo[t] as number;
      out.push({ code: rule.id, path: ['analisis', dim, key], values });
    }
  }
  return out;
}

/** The value word of a verdict, also when written `{valor, texto}` (undefined for free text), and the indicator it is about. */
function verdictOf(input: ProgramInput, campo: 'eficiencia.gasto_administrativo' | 'eficacia.calidad_indicador'): { verdict?: string; indicador: number } {
  const v = campo === 'eficiencia.gasto_administrativo' ? input.analisis.eficiencia.gasto_administrativo : input.analisis.eficacia.calidad_indicador;
  if (typeof v === 'string') return { verdict: v, indicador: 1 };
  return { verdict: v?.valor, indicador: v?.indicador ?? 1 };
}
