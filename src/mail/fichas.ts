import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { currentOf, type StaleFicha } from '../batch/current.js';
import { MANIFEST_JSON } from '../batch/manifest.js';
import { stagedOfPdf } from '../batch/pdfInput.js';
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

/**
 * PDFs named by the arguments: files, folders (their *.pdf) and manifest.json files (their fichas).
 * A folder with a manifest, and a manifest, give only current fichas (`currentOf`); the others are
 * `stale`. A PDF named alone is taken as it is (readFicha validates its embedded input).
 */
export type { StaleFicha };

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
  const read = await stagedOfPdf(bytes);
  if (read === 'sin-adjunto') return `${path}: no es una ficha de ficha (no trae el YAML de entrada adjunto)`;
  const { staged } = read;
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
