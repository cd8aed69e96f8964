import { mergeManifests as mergeRows, readManifest, writeManifest, type Manifest } from '../batch/manifest.js';
import { checkOutDir } from './paths.js';

/** `ficha manifest merge A B... --out DIR`: the shards' manifests of a year as one. */
export function mergeCommand(files: string[], opts: { out: string }): number {
  const problem = checkOutDir(opts.out);
  if (problem) {
    console.error(problem);
    return 2;
  }
  const manifests: Manifest[] = [];
  for (const f of files) {
    try {
      manifests.push(readManifest(f));
    } catch (err) {
      console.error(`${f}: no se pudo leer el manifiesto (${(err as Error).message})`);
      return 1;
    }
  }
  const rows = mergeRows(manifests);
  writeManifest(opts.out, rows);
  console.log(`${opts.out}/manifest.json y manifest.csv: ${rows.length} fichas de ${files.length} manifiestos`);
  return 0;
}
