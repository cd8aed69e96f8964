#!/usr/bin/env node
// The `ficha` command: the compiled program in dist/ (built by `npm ci` or `npm run build`).
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 optimizes a function (TurboFan, on background threads) once it has run a budget of bytecode.
// A ficha calls ~1,000 functions of Vega, PDFKit, fontkit, yaml and zod a few times each, so with
// the default budget they reach it one after another through a whole batch: in a 300-ficha batch,
// compiling took ~40% of the process's CPU, mostly for functions that ran a few more times. With a
// budget 16 times larger only the hot ones are optimized: a 300-ficha batch with two workers took
// ~14.5 -> ~12.6 s, a single render ~1.05 -> ~0.95 s, and a warm ficha is as fast. Set before any
// other module loads (the flag applies to functions compiled afterwards, worker threads included),
// unless the person running the command chose a budget.
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--interrupt-budget'))) {
  setFlagsFromString('--interrupt-budget=1081344');
}

const dist = new URL('../dist/main.js', import.meta.url);
if (existsSync(dist)) {
  await import(dist.href);
} else {
  // A checkout without a build: run the TypeScript sources through tsx (slower to start).
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
