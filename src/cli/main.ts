#!/usr/bin/env node
// The `ficha` command's entry (bundled into dist/main.js).
import { raiseOptimizationBudget } from '../startup/optimizationBudget.js';
import { keepFichaObjectsYoung } from '../startup/pretenuring.js';
import { main } from './program.js';

// Before any command loads its modules (they load on demand, after this line).
const interruptBudget = raiseOptimizationBudget();
keepFichaObjectsYoung();

// `ficha render DIR | head`: a reader that stops early closes the pipe. The command still finishes
// its work (every PDF and the manifest), only without the lines nobody reads.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

process.exitCode = await main(process.argv, { interruptBudget });
