import type { ProgramInput } from '../validate/schema.js';
import type { ConsistencyWarning } from './consistency.js';
import type { RuleSet } from '../rulesets/rulesets.js';

/** The judged keys of `analisis` that a rule set may or may not read. */
const OPTIONAL_KEYS = [
  ['focalizacion', 'priorizacion'],
  ['eficiencia', 'justificacion_gasto_por_beneficiario'],
] as const;

/** A verdict the input gives but the rule set never reads is a warning: it would vanish silently. */
export function unusedKeys(input: ProgramInput, ruleSet: RuleSet): ConsistencyWarning[] {
  const read = new Set<string>();
  for (const r of ruleSet.reglas) {
    if (r.tipo === 'categoria') read.add(r.campo);
    if (r.tipo === 'variacion' && r.justificacion) read.add(r.justificacion.campo);
  }
  return OPTIONAL_KEYS.filter(([dim, key]) => (input.analisis[dim] as Record<string, unknown>)[key] !== undefined && !read.has(`${dim}.${key}`)).map(
    ([dim, key]) => ({
      code: 'clave-no-usada',
      path: ['analisis', dim, key],
      values: { metodologia: ruleSet.id, clave: `analisis.${dim}.${key}` },
    }),
  );
}
