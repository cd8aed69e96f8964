import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_JSON, readManifest, type ManifestRow } from './manifest.js';

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A PDF left out because it may not be the ficha of the input as it is now. */
export interface StaleFicha {
  path: string;
  reason: string;
}

/**
 * Of the PDFs of a folder with a manifest (and those its rows name), those the manifest says are
 * the current fichas of their inputs, with the same bytes; the others, with why. A PDF stays in a
 * folder after its input turns invalid or its programa.id changes: the last render's manifest no
 * longer lists it as current, and mailing it would send an outdated ficha.
 */
export function currentOf(folder: string, manifestPath: string): { files: string[]; stale: StaleFicha[] } {
  const all = readManifest(manifestPath).filas;
  // The year's summary (ficha summary) is listed too, but it is not a ficha.
  const summaries = new Set(all.filter((r) => r.estado === 'resumen').map((r) => r.pdf));
  const rows = all.filter((r) => r.estado !== 'resumen');
  const byName = new Map<string, ManifestRow>();
  for (const r of rows) byName.set(r.pdf || (r.anio === null ? '' : `${r.programa_id}-${r.anio}.pdf`), r);
  // Every PDF of the folder, and every one the manifest lists (a missing one is said too).
  const pdfs = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.pdf') && !summaries.has(f));
  const names = [...new Set([...pdfs, ...rows.filter((r) => r.pdf).map((r) => r.pdf)])].sort();
  const files: string[] = [];
  const stale: StaleFicha[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const row = byName.get(name);
    if (!row) stale.push({ path, reason: `no figura en ${MANIFEST_JSON} (¿de otra ejecución, o de un programa.id que cambió?)` });
    else if (row.estado !== 'generada' && row.estado !== 'sin cambios') stale.push({ path, reason: `${MANIFEST_JSON} dice «${row.estado}» para su entrada ${row.entrada}: el PDF es de una versión anterior` });
    else if (!existsSync(path)) stale.push({ path, reason: `${MANIFEST_JSON} la lista, pero no está en la carpeta` });
    else if (sha256Of(path) !== row.sha256) stale.push({ path, reason: `sus bytes no son los que ${MANIFEST_JSON} registró (sha256 distinto)` });
    else files.push(path);
  }
  return { files, stale };
}

