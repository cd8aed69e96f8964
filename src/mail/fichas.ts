import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MANIFEST_JSON, readManifest, type ManifestRow } from '../batch/manifest.js';
import { extractAttachment } from '../output/attachment.js';
import { runStages } from '../pipeline/stages.js';
import { osErrorText } from '../diagnostics/osError.js';

/** One ficha to send: its bytes, and what its own embedded YAML says of it. */
export interface FichaToSend {
  path: string;
  /** `<programa.id>-<anio>.pdf`, the attachment's name. */
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  programaId: string;
  anio: number;
  programa: string;
  servicio: string;
  ministerio: string;
  /** Section II, one line per dimension: its title and its findings. */
  hallazgos: { dimension: string; texto: string }[];
}

/** A PDF left out because it may not be the ficha of the input as it is now. */
export interface StaleFicha {
  path: string;
  reason: string;
}

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Of the PDFs of a folder with a manifest (and those its rows name), those the manifest says are
 * the current fichas of their inputs, with the same bytes; the others, with why. A PDF stays in a
 * folder after its input turns invalid or its programa.id changes: the last render's manifest no
 * longer lists it as current, and mailing it would send an outdated ficha.
 */
function currentOf(folder: string, manifestPath: string): { files: string[]; stale: StaleFicha[] } {
  const rows = readManifest(manifestPath).filas;
  const byName = new Map<string, ManifestRow>();
  for (const r of rows) byName.set(r.pdf || (r.anio === null ? '' : `${r.programa_id}-${r.anio}.pdf`), r);
  // Every PDF of the folder, and every one the manifest lists (a missing one is said too).
  const pdfs = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.pdf'));
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

/**
 * PDFs named by the arguments: files, folders (their *.pdf) and manifest.json files (their fichas).
 * A folder with a manifest, and a manifest, give only current fichas (`currentOf`); the others are
 * `stale`. A PDF named alone is taken as it is (readFicha validates its embedded input).
 */
export function collectPdfs(args: string[]): { files: string[]; problems: string[]; stale: StaleFicha[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const stale: StaleFicha[] = [];
  const take = (r: { files: string[]; stale: StaleFicha[] }) => {
    files.push(...r.files);
    stale.push(...r.stale);
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      problems.push(`${a}: no existe`);
      continue;
    }
    try {
      if (st.isDirectory()) {
        if (existsSync(join(a, MANIFEST_JSON))) take(currentOf(a, join(a, MANIFEST_JSON)));
        else files.push(...readdirSync(a).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => join(a, f)));
      } else if (a.endsWith('.json')) take(currentOf(dirname(a), a));
      else files.push(a);
    } catch (err) {
      problems.push(`${a}: ${(err as NodeJS.ErrnoException).code ? osErrorText(err) : 'no es un manifiesto válido'}`);
    }
  }
  return { files: [...new Set(files)], problems, stale };
}

/** Reads a ficha: its YAML (attached to the PDF) run through the stages gives names and findings. */
export async function readFicha(path: string): Promise<FichaToSend | string> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return `${path}: no se pudo leer (${(err as NodeJS.ErrnoException).code})`;
  }
  const attached = await extractAttachment(bytes).catch(() => undefined);
  if (!attached) return `${path}: no es una ficha de ficha (no trae el YAML de entrada adjunto)`;
  const staged = runStages(attached.name, attached.content, { layout: false });
  if (!staged.input || !staged.view) return `${path}: el YAML adjunto no es válido con esta versión de ficha`;
  const p = staged.input.programa;
  // The attachment is named from the ficha's own data, whatever the file is called on disk.
  const fileName = `${p.id}-${staged.input.ficha.anio}.pdf`;
  return {
    path,
    fileName,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    programaId: p.id,
    anio: staged.input.ficha.anio,
    programa: p.nombre,
    servicio: p.servicio,
    ministerio: p.ministerio,
    // Whole: a finding cut mid-word («La justificaci…») says less than the ficha, or something else.
    hallazgos: staged.view.dimensiones.map((d) => ({ dimension: d.titulo, texto: d.hallazgos.length ? d.hallazgos.join(' ') : d.sin_hallazgos })),
  };
}
