import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { RULESETS_DIR } from '../paths.js';
import { z } from 'zod';

/** A rule set is data: thresholds plus sentence templates, one YAML file per methodology. */
const textos = z.record(z.string(), z.string());
/**
 * `etiqueta`: the label printed before the rule's sentence (a template; consecutive results with the
 * same label share one). `hallazgo`: the outcomes that are findings, repeated in HALLAZGOS by rule
 * sets that say so (`hallazgos.repetir_resultados`).
 */
const base = {
  id: z.string(),
  dimension: z.enum(['focalizacion', 'eficiencia', 'eficacia']),
  textos,
  etiqueta: z.string().optional(),
  hallazgo: z.array(z.string()).default([]),
};
/**
 * A second step after a rule's verdict: for the outcomes in `cuando`, the value of `campo` adds its
 * sentence (then the input's `texto`, if any). An outcome of the step not in `hallazgo` makes the
 * result no longer a finding (e.g. a variation the institution justified).
 */
const justificacion = z.strictObject({
  campo: z.enum(['eficiencia.justificacion_gasto_por_beneficiario']),
  cuando: z.array(z.string()),
  textos,
  hallazgo: z.array(z.string()).default([]),
});
export const ruleSchema = z.discriminatedUnion('tipo', [
  z.strictObject({ ...base, tipo: z.literal('categoria'), campo: z.enum(['focalizacion.criterios', 'focalizacion.priorizacion', 'eficiencia.gasto_administrativo', 'eficacia.pertinencia_indicador', 'eficacia.calidad_indicador']) }),
  z.strictObject({ ...base, tipo: z.literal('bandas'), figura: z.enum(['ejecucion_inicial', 'ejecucion_final']), inferior: z.number(), superior: z.number() }),
  z.strictObject({ ...base, tipo: z.literal('persistencia'), figura: z.enum(['ejecucion_inicial', 'ejecucion_final']), inferior: z.number() }),
  z.strictObject({ ...base, tipo: z.literal('variacion'), figura: z.enum(['gasto_por_beneficiario.variacion_promedio', 'gasto_por_beneficiario.variacion_anual']), maximo: z.number(), justificacion: justificacion.optional() }),
  z.strictObject({ ...base, tipo: z.literal('umbral'), figura: z.enum(['porcentaje_gasto_administrativo']), maximo: z.number() }),
  z.strictObject({ ...base, tipo: z.literal('indicadores') }),
]);

export const ruleSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  nombre: z.string(),
  dimensiones: z.array(z.strictObject({ id: z.enum(['focalizacion', 'eficiencia', 'eficacia']), titulo: z.string(), sin_hallazgos: z.string() })),
  /** `repetir_resultados`: HALLAZGOS repeats each finding of RESULTADOS under its label, before the analyst's own. */
  hallazgos: z.strictObject({ repetir_resultados: z.boolean() }).default({ repetir_resultados: false }),
  reglas: z.array(ruleSchema),
});

export type Rule = z.infer<typeof ruleSchema>;
export type RuleSet = z.infer<typeof ruleSetSchema>;

const RULESET_DIR = RULESETS_DIR;
let registry: Map<string, RuleSet> | undefined;

/**
 * A rule set file, read and checked at every start (~15 ms for the two built in). A cache of the
 * checked sets saved less than 3% of a cold render and was one more file that could print a wrong
 * word into every ficha (docs/caches.md).
 */
function parseRuleSet(path: string): RuleSet {
  const parsed = ruleSetSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`rule set ${path} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Every `*.yaml` of the built-in rule set folder, then of each folder in FICHA_RULESETS (separated
 * by the platform's path delimiter): a new methodology is a data file. A broken rule set file is a
 * mistake of the installation, not of an input, so it throws.
 */
function load(): Map<string, RuleSet> {
  const map = new Map<string, RuleSet>();
  const extra = (process.env.FICHA_RULESETS ?? '').split(delimiter).filter(Boolean);
  for (const dir of [RULESET_DIR, ...extra]) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const ruleSet = parseRuleSet(join(dir, name));
      map.set(ruleSet.id, ruleSet);
    }
  }
  return map;
}

/** Forgets the loaded rule sets, so the next look-up reads the folders again. */
export function reloadRuleSets(): void {
  registry = undefined;
}

export function findRuleSet(id: string): RuleSet | undefined {
  registry ??= load();
  return registry.get(id);
}

export function ruleSetIds(): string[] {
  registry ??= load();
  return [...registry.keys()];
}
