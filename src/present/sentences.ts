import Handlebars from 'handlebars';
import { pct } from '../format/format.js';
import { compileCached } from '../cache/handlebars.js';
import type { IndicatorFigures } from '../metrics/figures.js';
import { indicatorOutcome, type DimensionId, type DimensionOutcomes, type RuleOutcome } from '../metrics/rules.js';
import { isMarker, type Value } from '../metrics/value.js';
import type { RuleSet } from '../rulesets/rulesets.js';

/** A result of section II in words: the rule set's sentence, filled, and its label. */
export interface RuleResult extends RuleOutcome {
  /** The sentence, without its label. */
  text: string;
  /** Printed before the sentence (e.g. "Gasto por beneficiario:"); consecutive results with the same label share one. */
  label: string;
}

export interface DimensionResult {
  id: DimensionId;
  titulo: string;
  resultados: RuleResult[];
  hallazgos: RuleResult[];
  /** Printed in HALLAZGOS when there is no finding. */
  sin_hallazgos: string;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Fills a rule set's sentence; sentences are plain text, so nothing is HTML-escaped. */
export function sentence(template: string, context: object): string {
  let fn = compiled.get(template);
  if (!fn) {
    fn = compileCached(Handlebars, template, { noEscape: true, strict: true });
    compiled.set(template, fn);
  }
  return fn(context).trim();
}

/** What a sentence can name besides the rule's values: the years, and the words of the indicator's type. */
function wordingContext(outcome: { context: Record<string, unknown> }, anio: number): Record<string, unknown> {
  const c = outcome.context;
  const valor = c.valor as Value | undefined;
  return {
    anio,
    anio_anterior: anio - 1,
    t1: anio - 1,
    t2: anio - 2,
    ...c,
    ...(valor !== undefined ? { valor: isMarker(valor) ? valor : pct(valor, 1) } : {}),
    ...(c.tipo ? { tipo_texto: c.tipo === 'proposito' ? 'de propósito' : 'complementario', tipo_titulo: c.tipo === 'proposito' ? 'Indicador de propósito' : 'Indicador complementario' } : {}),
  };
}

/** Section II in the rule set's words. */
export function wordRules(ruleSet: RuleSet, dims: readonly DimensionOutcomes[], anio: number): DimensionResult[] {
  const word = (o: RuleOutcome): RuleResult => {
    const rule = ruleSet.reglas.find((r) => r.id === o.rule)!;
    const ctx = wordingContext(o, anio);
    const parts = [sentence(rule.textos[o.outcome] ?? '', ctx), o.extra];
    const step = rule.tipo === 'variacion' ? rule.justificacion : undefined;
    if (step && o.justificacion) parts.push(sentence(step.textos[o.justificacion.outcome] ?? '', ctx), o.justificacion.texto);
    return { ...o, text: parts.filter(Boolean).join(' '), label: rule.etiqueta ? sentence(rule.etiqueta, ctx) : '' };
  };
  return ruleSet.dimensiones.map((d) => {
    const found = dims.find((x) => x.id === d.id);
    const keep = (rs: RuleOutcome[] = []) => rs.map(word).filter((r) => r.text);
    return { id: d.id, titulo: d.titulo, sin_hallazgos: d.sin_hallazgos, resultados: keep(found?.resultados), hallazgos: keep(found?.hallazgos) };
  });
}

/** The sentence for one indicator, as printed in its table's last column; none when its rule is omitted. */
export function indicatorSentence(ruleSet: RuleSet, ind: IndicatorFigures, anio: number, omitted: ReadonlySet<string> = new Set()): string {
  const rule = ruleSet.reglas.find((r) => r.tipo === 'indicadores');
  if (!rule || omitted.has(rule.id)) return '';
  const o = indicatorOutcome(ind, false);
  return sentence(rule.textos[o.outcome] ?? '', wordingContext(o, anio));
}
