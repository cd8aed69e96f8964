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

/**
 * The budget ficha set, if it set one: V8 cannot tell. Kept on the global object, not in this
 * module, because the command's entry and its bundle (dist/cjs/render.cjs) each hold a copy of it.
 */
const SET = Symbol.for('ficha.interruptBudget');
const state = globalThis as { [SET]?: number };
function setBudget(budget: number): void {
  if (userChoseNodeFlag(/--interrupt-budget/)) return;
  setFlagsFromString(`--interrupt-budget=${budget}`);
  state[SET] = budget;
}

export function raiseOptimizationBudget(): void {
  setBudget(RAISED_BUDGET);
}

/**
 * Runs `work` with V8's default budget, then sets back the budget it found. Setting it back matters
 * beyond the batch: V8 rejects a code cache made under other flags than those it is loaded under,
 * and the command's code cache is made at exit (src/startup/compiled.ts); made under the default
 * budget, every later start would reject it, compile the whole command again and write it again.
 */
export async function withDefaultOptimizationBudget<T>(work: () => Promise<T>): Promise<T> {
  const before = state[SET];
  setBudget(DEFAULT_BUDGET);
  try {
    return await work();
  } finally {
    setBudget(before ?? DEFAULT_BUDGET);
  }
}
