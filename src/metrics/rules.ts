import type { ProgramInput } from '../validate/schema.js';
import type { Figures, IndicatorFigures } from './figures.js';
import { sentence, type Rule, type RuleSet } from './rulesets.js';
import { isMarker, type Value } from './value.js';

export type DimensionId = 'focalizacion' | 'eficiencia' | 'eficacia';

/** One sentence of the RESULTADOS column, with the rule and outcome that produced it. */
export interface RuleResult {
  rule: string;
  dimension: DimensionId;
  outcome: string;
  text: string;
}

export interface DimensionResult {
  id: DimensionId;
  titulo: string;
  resultados: RuleResult[];
  /** Printed in HALLAZGOS when the input has none. */
  sin_hallazgos: string;
}

/** Formats a percentage for a sentence; the rule engine knows nothing else of printing. */
export type PercentFormatter = (v: number) => string;

/** Judges section II: every rule of the set, in order, minus the ones the input omits. */
export function evaluateRules(ruleSet: RuleSet, input: ProgramInput, figures: Figures, pct: PercentFormatter): DimensionResult[] {
  const t = figures.anio;
  const base = { anio: t, anio_anterior: t - 1, t1: t - 1, t2: t - 2 };
  const omitted = new Set([...input.analisis.focalizacion.omitir, ...input.analisis.eficiencia.omitir, ...input.analisis.eficacia.omitir]);
  const results: RuleResult[] = [];
  for (const rule of ruleSet.reglas) {
    if (omitted.has(rule.id)) continue;
    for (const { outcome, context } of outcomesOf(rule, input, figures, pct)) {
      const template = rule.textos[outcome];
      if (template === undefined) throw new Error(`rule set ${ruleSet.id}: rule ${rule.id} has no text for outcome ${outcome}`);
      const text = sentence(template, { ...base, ...rule, ...context });
      if (text) results.push({ rule: rule.id, dimension: rule.dimension, outcome, text });
    }
  }
  return ruleSet.dimensiones.map((d) => ({
    id: d.id,
    titulo: d.titulo,
    sin_hallazgos: d.sin_hallazgos,
    resultados: results.filter((r) => r.dimension === d.id),
  }));
}

interface Outcome {
  outcome: string;
  context: object;
}

function outcomesOf(rule: Rule, input: ProgramInput, f: Figures, pct: PercentFormatter): Outcome[] {
  const t = f.anio;
  switch (rule.tipo) {
    case 'categoria': {
      const [dim, key] = rule.campo.split('.') as [DimensionId, string];
      const value = (input.analisis[dim] as Record<string, unknown>)[key] ?? 'sin_informacion';
      if (typeof value === 'object' && value !== null) return [{ outcome: 'texto', context: value }];
      return [{ outcome: String(value), context: {} }];
    }
    case 'bandas': {
      const v = f[rule.figura][t]!;
      return [{ outcome: band(v, rule.inferior, rule.superior), context: { valor: isMarker(v) ? v : pct(v) } }];
    }
    case 'persistencia': {
      const values = f.years.map((y) => f[rule.figura][y]!);
      if (values.some(isMarker)) return [{ outcome: 'sin_informacion', context: {} }];
      return [{ outcome: values.every((v) => clean(v as number) < rule.inferior) ? 'persiste' : 'no_persiste', context: {} }];
    }
    case 'variacion': {
      const v = rule.figura === 'gasto_por_beneficiario.variacion_promedio' ? f.gasto_por_beneficiario_variacion_promedio : f.gasto_por_beneficiario_variacion_anual;
      if (isMarker(v)) return [{ outcome: 'sin_informacion', context: {} }];
      return [{ outcome: Math.abs(clean(v)) > rule.maximo ? 'fuera' : 'dentro', context: { valor: pct(v) } }];
    }
    case 'umbral': {
      const v = f[rule.figura][t]!;
      if (isMarker(v)) return [{ outcome: 'sin_informacion', context: { valor: v } }];
      return [{ outcome: clean(v) > rule.maximo ? 'sobre' : 'dentro', context: { valor: pct(v) } }];
    }
    case 'indicadores': {
      const judged = f.indicadores.filter((i) => i.tipo === 'proposito');
      return judged.map((ind) => indicatorOutcome(ind, judged.length > 1));
    }
  }
}

/**
 * Thresholds are judged on the figure rounded to 9 decimals: 1100 / 1000 x 100 is 110.00000000000001
 * in binary floating point, and an execution of exactly 110% is within the band.
 */
const clean = (v: number) => Math.round(v * 1e9) / 1e9;

function band(raw: Value, inferior: number, superior: number): string {
  if (isMarker(raw)) return 'sin_informacion';
  const v = clean(raw);
  if (v > superior) return 'sobre';
  if (v < inferior) return 'sub';
  return 'rango';
}

/** The outcome of one indicator; also used for the indicator tables of section III. */
export function indicatorOutcome(ind: IndicatorFigures, varios: boolean): Outcome {
  const context = {
    numero: ind.numero,
    varios,
    tendencia: ind.tendencia,
    lectura: ind.lectura,
    tipo_texto: ind.tipo === 'proposito' ? 'de propósito' : 'complementario',
    tipo_titulo: ind.tipo === 'proposito' ? 'Indicador de propósito' : 'Indicador complementario',
  };
  if (!ind.tendencia) return { outcome: 'sin_informacion', context };
  if (ind.tendencia === 'se mantuvo') return { outcome: 'igual', context };
  const better = (ind.tendencia === 'aumentó') === (ind.lectura === 'ascendente');
  return { outcome: better ? 'mejor' : 'peor', context };
}

/** The sentence for one indicator, as printed in its table's last column. */
export function indicatorSentence(ruleSet: RuleSet, ind: IndicatorFigures, anio: number): string {
  const rule = ruleSet.reglas.find((r) => r.tipo === 'indicadores');
  if (!rule) return '';
  const { outcome, context } = indicatorOutcome(ind, false);
  return sentence(rule.textos[outcome] ?? '', { anio, anio_anterior: anio - 1, t1: anio - 1, t2: anio - 2, ...context });
}
