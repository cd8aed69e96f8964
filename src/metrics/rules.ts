import type { ProgramInput } from '../validate/schema.js';
import type { Figures, IndicatorFigures } from './figures.js';
import type { Rule, RuleSet } from '../rulesets/rulesets.js';
import { isMarker, type Value } from './value.js';

export type DimensionId = 'focalizacion' | 'eficiencia' | 'eficacia';

/**
 * One result of section II: the rule, its outcome and the values its sentence may name. The words
 * are the rule set's and are put together by the present stage (present/sentences.ts); the engine
 * only judges.
 */
export interface RuleOutcome {
  rule: string;
  dimension: DimensionId;
  outcome: string;
  /** Numbers, years and the input's own values the sentence may name (a percentage as a number). */
  context: Record<string, unknown>;
  /** The analyst's text after the standard sentence ({valor, texto}). */
  extra?: string;
  /** The rule's second step (the institution's justification), when it applied. */
  justificacion?: { outcome: string; texto: string };
  /** A deficient result: repeated in HALLAZGOS when the rule set says so. */
  hallazgo: boolean;
  /** The propósito indicator the result is about, if any: a dimension lists them by indicator. */
  indicador?: number;
}

export interface DimensionOutcomes {
  id: DimensionId;
  resultados: RuleOutcome[];
  /** The findings of RESULTADOS that HALLAZGOS repeats (empty unless the rule set repeats them). */
  hallazgos: RuleOutcome[];
}

/** The rules the input omits (`analisis.<dimension>.omitir`), wherever their results would print. */
export function omittedRules(input: ProgramInput): Set<string> {
  return new Set([...input.analisis.focalizacion.omitir, ...input.analisis.eficiencia.omitir, ...input.analisis.eficacia.omitir]);
}

/** Judges section II: every rule of the set, in order, minus the ones the input omits. */
export function evaluateRules(ruleSet: RuleSet, input: ProgramInput, figures: Figures): DimensionOutcomes[] {
  const omitted = omittedRules(input);
  const results: RuleOutcome[] = [];
  for (const rule of ruleSet.reglas) {
    if (omitted.has(rule.id)) continue;
    for (const { outcome, context, extra } of outcomesOf(rule, input, figures)) {
      const template = rule.textos[outcome];
      if (template === undefined) throw new Error(`rule set ${ruleSet.id}: rule ${rule.id} has no text for outcome ${outcome}`);
      // An outcome whose sentence is empty in the rule set adds nothing (e.g. no persistence).
      if (template === '' && !extra) continue;
      const result: RuleOutcome = {
        rule: rule.id,
        dimension: rule.dimension,
        outcome,
        context: { ...rule, ...context },
        ...(extra ? { extra } : {}),
        hallazgo: rule.hallazgo.includes(outcome) || (outcome === 'texto' && (context as { hallazgo?: boolean }).hallazgo === true),
      };
      if (rule.dimension === 'eficacia' && typeof (context as { numero?: unknown }).numero === 'number') result.indicador = (context as { numero: number }).numero;
      const step = rule.tipo === 'variacion' ? rule.justificacion : undefined;
      if (step && step.cuando.includes(outcome)) {
        const value = fieldValue(input, step.campo);
        if (value !== undefined) {
          const j = typeof value === 'object' ? (value.pertinente ? 'pertinente' : 'no_pertinente') : value;
          result.justificacion = { outcome: j, texto: typeof value === 'object' ? value.texto.trim() : '' };
          result.hallazgo = result.hallazgo && step.hallazgo.includes(j);
        }
      }
      results.push(result);
    }
  }
  return ruleSet.dimensiones.map((d) => {
    // Stable: results about indicator 1 come before those about indicator 2, each in rule order.
    const resultados = results.filter((r) => r.dimension === d.id).sort((a, b) => (a.indicador ?? 0) - (b.indicador ?? 0));
    return { id: d.id, resultados, hallazgos: ruleSet.hallazgos.repetir_resultados ? resultados.filter((r) => r.hallazgo) : [] };
  });
}

type Justification = 'pertinente' | 'no_pertinente' | 'sin_justificacion' | { pertinente: boolean; texto: string };

function fieldValue(input: ProgramInput, campo: 'eficiencia.justificacion_gasto_por_beneficiario'): Justification | undefined {
  const [dim, key] = campo.split('.') as [DimensionId, string];
  return (input.analisis[dim] as Record<string, unknown>)[key] as Justification | undefined;
}

export interface Outcome {
  outcome: string;
  context: Record<string, unknown>;
  /** The analyst's text after the standard sentence. */
  extra?: string;
}

function outcomesOf(rule: Rule, input: ProgramInput, f: Figures): Outcome[] {
  const t = f.anio;
  switch (rule.tipo) {
    case 'categoria': {
      const [dim, key] = rule.campo.split('.') as [DimensionId, string];
      // An absent optional key (e.g. priorizacion in an older input) is `ausente` where the rule set words it.
      const value = (input.analisis[dim] as Record<string, unknown>)[key] ?? ('ausente' in rule.textos ? 'ausente' : 'sin_informacion');
      if (typeof value === 'object' && value !== null) {
        const v = value as { texto: string; valor?: string; hallazgo?: boolean; indicador?: number };
        const numero = v.indicador ?? 1;
        return [v.valor ? { outcome: v.valor, context: { numero }, extra: v.texto.trim() } : { outcome: 'texto', context: { ...v, numero } as Record<string, unknown> }];
      }
      return [{ outcome: String(value), context: { numero: 1 } }];
    }
    case 'bandas': {
      const v = f[rule.figura][t]!;
      return [{ outcome: band(v, rule.inferior, rule.superior), context: { valor: v } }];
    }
    case 'persistencia': {
      const values = f.years.map((y) => f[rule.figura][y]!);
      if (values.some(isMarker)) return [{ outcome: 'sin_informacion', context: {} }];
      return [{ outcome: values.every((v) => clean(v as number) < rule.inferior) ? 'persiste' : 'no_persiste', context: {} }];
    }
    case 'variacion': {
      const v = rule.figura === 'gasto_por_beneficiario.variacion_promedio' ? f.gasto_por_beneficiario_variacion_promedio : f.gasto_por_beneficiario_variacion_anual;
      if (isMarker(v)) return [{ outcome: 'sin_informacion', context: {} }];
      return [{ outcome: Math.abs(clean(v)) > rule.maximo ? 'fuera' : 'dentro', context: { valor: v } }];
    }
    case 'umbral': {
      const v = f[rule.figura][t]!;
      if (isMarker(v)) return [{ outcome: 'sin_informacion', context: { valor: v } }];
      return [{ outcome: clean(v) > rule.maximo ? 'sobre' : 'dentro', context: { valor: v } }];
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
  const context = { numero: ind.numero, varios, tendencia: ind.tendencia, lectura: ind.lectura, tipo: ind.tipo };
  if (!ind.tendencia) return { outcome: 'sin_informacion', context };
  if (ind.tendencia === 'se mantuvo') return { outcome: 'igual', context };
  const better = (ind.tendencia === 'aumentó') === (ind.lectura === 'ascendente');
  return { outcome: better ? 'mejor' : 'peor', context };
}
