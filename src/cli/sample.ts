import { sampleInputs } from '../sample/generate.js';
import { writeAtomic } from '../output/write.js';
import { checkOutDir } from './paths.js';

/** `ficha sample --count N [--seed S] [--warnings] --out DIR`. */
export function sampleCommand(opts: { count: string; seed: string; warnings?: boolean; out: string }): number {
  const count = Number(opts.count);
  const seed = Number(opts.seed);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    console.error(`--count: se esperaba un número entero entre 1 y 100.000; se encontró «${opts.count}»`);
    return 2;
  }
  if (!Number.isInteger(seed) || seed < 0) {
    console.error(`--seed: se esperaba un número entero >= 0; se encontró «${opts.seed}»`);
    return 2;
  }
  const problem = checkOutDir(opts.out);
  if (problem) {
    console.error(problem);
    return 2;
  }
  for (const f of sampleInputs(count, { seed, warnings: opts.warnings })) writeAtomic(opts.out, f.name, Buffer.from(f.text, 'utf8'));
  console.log(`${count} archivos de muestra en ${opts.out} (semilla ${seed})`);
  return 0;
}
