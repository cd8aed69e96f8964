import type { ProgramInput } from '../validate/schema.js';
import type { Figures, IndicatorFigures } from './figures.js';
import { sentence, type Rule, type RuleSet } from '../rulesets/rulesets.js';
import { isMarker, type Value } from './value.js';

export type DimensionId = 'focalizacion' | 'eficiencia' | 'eficacia';

/** One sentence of the RESULTADOS column, with the rule and outcome that produced it. */
export interface RuleResult {
  rule: string;
  dimension: DimensionId;
  outcome: string;
  /** The outcome of the rule's second step (the institution's justification), if it applied. */
  justificacion?: string;
  /** The sentence, without its label. */
  text: string;
  /** Printed before the sentence (e.g. "Gasto por beneficiario:"); consecutive results with the same label share one. */
  label: string;
  /** A deficient result: repeated in HALLAZGOS when the rule set says so. */
  hallazgo: boolean;
  /** The propósito indicator the result is about, if any: a dimension lists them by indicator. */
  indicador?: number;
}

export interface DimensionResult {
  id: DimensionId;
  titulo: string;
  resultados: RuleResult[];
  /** The findings of RESULTADOS that HALLAZGOS repeats (empty unless the rule set repeats them). */
  hallazgos: RuleResult[];
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
    for (const { outcome, context, extra } of outcomesOf(rule, input, figures, pct)) {
      const template = rule.textos[outcome];
      if (template === undefined) throw new Error(`rule set ${ruleSet.id}: rule ${rule.id} has no text for outcome ${outcome}`);
      const ctx = { ...base, ...rule, ...context };
      let text = [sentence(template, ctx), extra].filter(Boolean).join(' ');
      if (!text) continue;
      let hallazgo = rule.hallazgo.includes(outcome) || (outcome === 'texto' && (context as { hallazgo?: boolean }).hallazgo === true);
      const result: RuleResult = { rule: rule.id, dimension: rule.dimension, outcome, text, label: rule.etiqueta ? sentence(rule.etiqueta, ctx) : '', hallazgo };
      if (rule.dimension === 'eficacia' && typeof (context as { numero?: unknown }).numero === 'number') result.indicador = (context as { numero: number }).numero;
      const step = rule.tipo === 'variacion' ? rule.justificacion : undefined;
      if (step && step.cuando.includes(outcome)) {
        const value = fieldValue(input, step.campo);
        if (value !== undefined) {
          const j = typeof value === 'object' ? (value.pertinente ? 'pertinente' : 'no_pertinente') : value;
          const more = [sentence(step.textos[j] ?? '', ctx), typeof value === 'object' ? value.texto.trim() : ''].filter(Boolean);
          text = [text, ...more].join(' ');
          hallazgo = hallazgo && step.hallazgo.includes(j);
          Object.assign(result, { text, hallazgo, justificacion: j });
        }
      }
      results.push(result);
    }
  }
  return ruleSet.dimensiones.map((d) => {
    // Stable: results about indicator 1 come before those about indicator 2, each in rule order.
    const resultados = results.filter((r) => r.dimension === d.id).sort((a, b) => (a.indicador ?? 0) - (b.indicador ?? 0));
    return {
      id: d.id,
      titulo: d.titulo,
      sin_hallazgos: d.sin_hallazgos,
      resultados,
      hallazgos: ruleSet.hallazgos.repetir_resultados ? resultados.filter((r) => r.hallazgo) : [],
    };
  });
}

type Justification = 'pertinente' | 'no_pertinente' | 'sin_justificacion' | { pertinente: boolean; texto: string };

function fieldValue(input: ProgramInput, campo: 'eficiencia.justificacion_gasto_por_beneficiario'): Justification | undefined {
  const [dim, key] = campo.split('.') as [DimensionId, string];
  return (input.analisis[dim] as Record<string, unknown>)[key] as Justification | undefined;
}

interface Outcome {
  outcome: string;
  context: object;
  /** The analyst's text after the standard sentence. */
  extra?: string;
}

function outcomesOf(rule: Rule, input: ProgramInput, f: Figures, pct: PercentFormatter): Outcome[] {
  const t = f.anio;
  switch (rule.tipo) {
    case 'categoria': {
      const [dim, key] = rule.campo.split('.') as [DimensionId, string];
      // An absent optional key (e.g. priorizacion in an older input) is `ausente` where the rule set words it.
      const value = (input.analisis[dim] as Record<string, unknown>)[key] ?? ('ausente' in rule.textos ? 'ausente' : 'sin_informacion');
      if (typeof value === 'object' && value !== null) {
        const v = value as { texto: string; valor?: string; hallazgo?: boolean; indicador?: number };
        const numero = v.indicador ?? 1;
        return [v.valor ? { outcome: v.valor, context: { numero }, extra: v.texto.trim() } : { outcome: 'texto', context: { ...v, numero } }];
      }
      return [{ outcome: String(value), context: { numero: 1 } }];
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

/** The sentence for one indicator, as printed in its table's last column; none when its rule is omitted. */
export function indicatorSentence(ruleSet: RuleSet, ind: IndicatorFigures, anio: number, omitted: ReadonlySet<string> = new Set()): string {
  const rule = ruleSet.reglas.find((r) => r.tipo === 'indicadores');
  if (!rule || omitted.has(rule.id)) return '';
  const { outcome, context } = indicatorOutcome(ind, false);
  return sentence(rule.textos[outcome] ?? '', { anio, anio_anterior: anio - 1, t1: anio - 1, t2: anio - 2, ...context });
}
