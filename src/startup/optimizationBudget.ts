import { setFlagsFromString } from 'node:v8';
import { userChoseNodeFlag } from './userNodeFlags.js';

/**
 * V8 optimizes a function (TurboFan, on background threads) once it has run a budget of bytecode
 * (`--interrupt-budget`; 66 KB in Node 20's V8). A ficha calls ~1,000 functions of Vega, PDFKit,
 * fontkit, yaml and zod a few times each, so with that budget they reach it one after another
 * through a whole batch: in a 300-ficha batch with two workers, compiling took ~40% of the
 * process's CPU, mostly for functions that then ran a few more times. A budget 16 times larger
 * optimizes only the hot ones: that batch took ~14.5 -> ~12.6 s, a single render ~1.05 -> ~0.95 s.
 * One thread rendering a whole batch is the exception: it has a core of its own for compiling, and
 * ran ~5% faster with the default budget (dispatch renders it under V8's default, then sets the
 * raised one back).
 * The flag applies to code that runs for the first time after it is set, worker threads included;
 * a budget the person running the command chose is kept.
 */
const DEFAULT_BUDGET = 66 * 1024;
const RAISED_BUDGET = 16 * DEFAULT_BUDGET;

/** Sets V8's budget, unless the person running the command chose one; returns the budget set. */
function setBudget(budget: number): number | undefined {
  if (userChoseNodeFlag(/--interrupt-budget/)) return undefined;
  setFlagsFromString(`--interrupt-budget=${budget}`);
  return budget;
}

/**
 * Raises the budget for the whole command; returns it (undefined when the user chose one), for the
 * command to hand to whatever must set it back (V8 cannot be asked which budget is in force).
 */
export function raiseOptimizationBudget(): number | undefined {
  return setBudget(RAISED_BUDGET);
}

/**
 * Runs `work` with V8's default budget, then sets back `before`, the budget in force (what
 * raiseOptimizationBudget returned; undefined: V8's default). Setting it back matters
 * beyond the batch: V8 rejects a code cache made under other flags than those it is loaded under,
 * and the command's code cache is made at exit (src/startup/compiled.ts); made under the default
 * budget, every later start would reject it, compile the whole command again and write it again.
 */
export async function withDefaultOptimizationBudget<T>(work: () => Promise<T>, before: number | undefined): Promise<T> {
  setBudget(DEFAULT_BUDGET);
  try {
    return await work();
  } finally {
    setBudget(before ?? DEFAULT_BUDGET);
  }
}
