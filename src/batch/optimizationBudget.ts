import { setFlagsFromString } from 'node:v8';

/**
 * V8 optimizes a function (TurboFan, on background threads) once it has run a budget of bytecode
 * (`--interrupt-budget`; 66 KB in Node 20's V8). A ficha calls ~1,000 functions of Vega, PDFKit,
 * fontkit, yaml and zod a few times each, so with that budget they reach it one after another
 * through a whole batch: in a 300-ficha batch with two workers, compiling took ~40% of the
 * process's CPU, mostly for functions that then ran a few more times. A budget 16 times larger
 * optimizes only the hot ones: that batch took ~14.5 -> ~12.6 s, a single render ~1.05 -> ~0.95 s.
 * One thread rendering a whole batch is the exception: it has a core of its own for compiling, and
 * ran ~5% faster with the default budget (dispatch sets it back before it loads the renderer).
 * The flag applies to code that runs for the first time after it is set, worker threads included;
 * a budget the person running the command chose is kept.
 */
const DEFAULT_BUDGET = 66 * 1024;
const RAISED_BUDGET = 16 * DEFAULT_BUDGET;

const chosenByUser = () => [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--interrupt-budget'));

export function raiseOptimizationBudget(): void {
  if (!chosenByUser()) setFlagsFromString(`--interrupt-budget=${RAISED_BUDGET}`);
}

export function defaultOptimizationBudget(): void {
  if (!chosenByUser()) setFlagsFromString(`--interrupt-budget=${DEFAULT_BUDGET}`);
}
