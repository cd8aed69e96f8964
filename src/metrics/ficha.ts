import type { ProgramInput } from '../validate/schema.js';
import { checkConsistency, type ConsistencyWarning } from './consistency.js';
import { computeFigures, type Figures } from './figures.js';
import { evaluateRules, type DimensionOutcomes } from './rules.js';
import { findRuleSet, type RuleSet } from '../rulesets/rulesets.js';
import { unusedKeys } from './unusedKeys.js';
import { checkPlausibility } from './plausibility.js';

/** Everything the metrics stage knows about one program: numbers and outcomes, no words yet. */
export interface Ficha {
  input: ProgramInput;
  figures: Figures;
  ruleSet: RuleSet;
  dimensiones: DimensionOutcomes[];
  warnings: ConsistencyWarning[];
}

/** Figures, the judgement of section II and consistency warnings, as numbers and outcomes: no words. */
export function computeFicha(input: ProgramInput): Ficha {
  const ruleSet = findRuleSet(input.ficha.metodologia);
  if (!ruleSet) throw new Error(`unknown rule set ${input.ficha.metodologia} (validation should have caught it)`);
  const figures = computeFigures(input);
  return {
    input,
    figures,
    ruleSet,
    dimensiones: evaluateRules(ruleSet, input, figures),
    // Ranges, jumps and verdicts beside their figures are data, in plausibility.json.
    warnings: [...checkConsistency(input, figures), ...checkPlausibility(input, figures), ...unusedKeys(input, ruleSet)],
  };
}
