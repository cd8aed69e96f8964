import { realpathSync, statSync } from 'node:fs';
import { mergeManifests, readManifest, writeManifest, type Manifest } from '../batch/manifest.js';
import { checkOutDir } from './paths.js';
import { csvSeparatorOf } from './csvSep.js';
import { osErrorText } from '../diagnostics/osError.js';

/**
 * `ficha manifest merge A B... --out DIR [--prefer newest]`: the shards' manifests of a year as
 * one. A file named twice (under two spellings of its path) counts once; rows that disagree about
 * one ficha are refused, listed, unless --prefer newest (the most recently written manifest wins).
 */
export async function mergeCommand(files: string[], opts: { out: string; prefer?: string; csvSep?: string }): Promise<number> {
  const problem = checkOutDir(opts.out);
  if (problem) {
    console.error(problem);
    return 2;
  }
  if (opts.prefer !== undefined && opts.prefer !== 'newest') {
    console.error(`--prefer: el único valor es «newest»; se encontró «${opts.prefer}»`);
    return 2;
  }
  const csvSeparator = csvSeparatorOf(opts.csvSep);
  if (csvSeparator === undefined) return 2;
  const byRealPath = new Map<string, { file: string; mtime: number; manifest: Manifest }>();
  for (const f of files) {
    try {
      const real = realpathSync(f);
      if (!byRealPath.has(real)) byRealPath.set(real, { file: f, mtime: statSync(real).mtimeMs, manifest: readManifest(real) });
    } catch (err) {
      console.error(`${f}: no se pudo leer el manifiesto (${(err as NodeJS.ErrnoException).code ? osErrorText(err) : 'no es un manifiesto JSON de ficha'})`);
      return 1;
    }
  }
  const read = [...byRealPath.values()].sort((a, b) => a.mtime - b.mtime);
  const { rows, conflicts } = mergeManifests(
    read.map((r) => r.manifest),
    opts.prefer === 'newest',
  );
  if (conflicts.length) {
    for (const c of conflicts) {
      console.error(`${c.ficha}: los manifiestos no coinciden: ${c.rows.map((r) => `${r.entrada} (${r.estado}${r.sha256 ? `, sha256 ${r.sha256.slice(0, 12)}…` : ''})`).join(' / ')}`);
    }
    console.error(`${conflicts.length} ficha${conflicts.length === 1 ? '' : 's'} en conflicto: no se escribió el manifiesto (--prefer newest toma la fila del manifiesto más reciente)`);
    return 1;
  }
  await writeManifest(opts.out, rows, csvSeparator);
  const skipped = files.length - read.length;
  console.log(`${opts.out}/manifest.json, manifest.csv y manifest.xlsx: ${rows.length} fichas de ${read.length} manifiestos${skipped ? ` (${skipped} nombrado${skipped === 1 ? '' : 's'} dos veces)` : ''}`);
  return 0;
}
