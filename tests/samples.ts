import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBatch } from '../src/batch/batch.js';
import { sampleInputs } from '../src/sample/generate.js';

/** `ficha sample --count N --seed S` rendered (without charts) into an output folder; its path. */
export async function renderedSamples(count: number, seed: number): Promise<string> {
  const base = mkdtempSync(join(tmpdir(), 'ficha-muestras-'));
  const files = sampleInputs(count, { seed }).map((f) => {
    writeFileSync(join(base, f.name), f.text);
    return join(base, f.name);
  });
  const out = join(base, 'salida');
  await renderBatch(files, { out, strict: false, charts: false, jobs: 1, changed: false, failFast: false, interrupted: () => false });
  return out;
}
