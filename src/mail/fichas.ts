import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readManifest } from '../batch/manifest.js';
import { extractAttachment } from '../output/attachment.js';
import { runStages } from '../pipeline/stages.js';

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

/** PDFs named by the arguments: files, folders (their *.pdf) and manifest.json files (their fichas). */
export function collectPdfs(args: string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      problems.push(`${a}: no existe`);
      continue;
    }
    if (st.isDirectory()) files.push(...readdirSync(a).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => join(a, f)));
    else if (a.endsWith('.json')) {
      try {
        const rows = readManifest(a).filas.filter((r) => r.pdf && (r.estado === 'generada' || r.estado === 'sin cambios'));
        files.push(...rows.map((r) => join(dirname(a), r.pdf)));
      } catch (err) {
        problems.push(`${a}: ${(err as Error).message}`);
      }
    } else files.push(a);
  }
  return { files: [...new Set(files)], problems };
}

const ONE_LINE = 220;
const oneLine = (s: string) => (s.length > ONE_LINE ? `${s.slice(0, ONE_LINE - 1).trimEnd()}…` : s);

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
    hallazgos: staged.view.dimensiones.map((d) => ({ dimension: d.titulo, texto: oneLine(d.hallazgos.length ? d.hallazgos.join(' ') : d.sin_hallazgos) })),
  };
}
