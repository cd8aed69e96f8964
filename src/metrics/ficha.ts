import type { ProgramInput } from '../validate/schema.js';
import { checkConsistency, type ConsistencyWarning } from './consistency.js';
import { computeFigures, type Figures } from './figures.js';
import { evaluateRules, type DimensionResult } from './rules.js';
import { findRuleSet, type RuleSet } from '../rulesets/rulesets.js';
import { unusedKeys } from './unusedKeys.js';

/** Everything the metrics stage knows about one program: no formatting yet. */
export interface Ficha {
  input: ProgramInput;
  figures: Figures;
  ruleSet: RuleSet;
  dimensiones: DimensionResult[];
  warnings: ConsistencyWarning[];
}

export interface Formatters {
  pct: (v: number) => string;
  num: (v: number) => string;
}

export function computeFicha(input: ProgramInput, fmt: Formatters): Ficha {
  const ruleSet = findRuleSet(input.ficha.metodologia);
  if (!ruleSet) throw new Error(`unknown rule set ${input.ficha.metodologia} (validation should have caught it)`);
  const figures = computeFigures(input);
  return {
    input,
    figures,
    ruleSet,
    dimensiones: evaluateRules(ruleSet, input, figures, fmt.pct),
    warnings: [...checkConsistency(input, figures, fmt.num), ...unusedKeys(input, ruleSet)],
  };
}
