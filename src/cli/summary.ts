import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { lockFolder, FolderBusy } from '../batch/lock.js';
import { manifestPath, readManifest, updateRows, writeManifest, type ManifestRow } from '../batch/manifest.js';
import { osErrorText } from '../diagnostics/osError.js';
import { writeAtomic } from '../output/write.js';
import { pageCount } from '../output/pages.js';
import { collectFolder } from '../summary/collect.js';
import { byMinistries } from '../summary/filter.js';
import { renderSummary } from '../summary/render.js';
import { parseIsoDate } from './isoDate.js';
import { checkTemplatesDir } from './paths.js';

export interface SummaryCliOptions {
  out: string;
  ministerio?: string[];
  templates?: string;
  charts?: boolean;
  date?: string;
  quiet?: boolean;
}

/**
 * `ficha summary SALIDA/ --out resumen-2025.pdf [--ministerio NOMBRE]...`: the year at a glance,
 * from an output folder alone (its manifest, and the input each PDF carries). Written beside the
 * fichas, the summary gets its own row in their manifest (estado «resumen»).
 */
export async function summaryCommand(folder: string, opts: SummaryCliOptions): Promise<number> {
  const started = performance.now();
  if (opts.templates) {
    const problem = checkTemplatesDir(opts.templates);
    if (problem) return usage(problem);
  }
  const date = opts.date === undefined ? undefined : parseIsoDate(opts.date);
  if (date === undefined && opts.date !== undefined) return usage(`--date: se esperaba una fecha ISO 8601 que exista (AAAA-MM-DD); se encontró «${opts.date}»`);
  if (!/\.pdf$/i.test(opts.out)) return usage(`--out: se esperaba un archivo .pdf; se encontró «${opts.out}»`);
  let collected;
  try {
    collected = await collectFolder(folder);
  } catch (err) {
    return usage((err as NodeJS.ErrnoException).code ? `${folder}: ${osErrorText(err)}` : (err as Error).message);
  }
  for (const l of collected.left) console.error(`aviso: ${l.path}: ${l.reason}; no entra en el resumen`);
  let programs = collected.programs;
  let ministerios: string[] | undefined;
  if (opts.ministerio?.length) {
    const f = byMinistries(programs, opts.ministerio);
    for (const u of f.unknown) console.error(`--ministerio «${u.name}»: ningún programa de la carpeta es de ese ministerio${u.near.length ? `; ¿quiso decir ${u.near.map((n) => `«${n}»`).join(' o ')}?` : ''}`);
    if (f.unknown.length) return 2;
    programs = f.programs;
    ministerios = f.matched;
  }
  if (programs.length === 0) {
    console.error(`${folder}: no hay fichas vigentes que resumir`);
    return 1;
  }
  const { pdf, view } = await renderSummary(programs, { templatesDir: opts.templates, ministerios, charts: opts.charts, date });
  const out = resolve(opts.out);
  try {
    writeAtomic(dirname(out), basename(out), pdf);
  } catch (err) {
    return usage(`--out ${opts.out}: no se pudo escribir (${osErrorText(err)})`);
  }
  const pages = pageCount(pdf);
  const note = await recordInManifest(out, pdf, pages, view.anios, ministerios);
  if (note) console.error(`aviso: ${note}`);
  if (!opts.quiet) {
    const seconds = ((performance.now() - started) / 1000).toLocaleString('es-CL', { maximumFractionDigits: 1 });
    console.log(`${opts.out}: resumen de ${view.alcance}, ${pages} páginas, ${Math.round(pdf.length / 1024)} KB · ${seconds} s`);
  }
  return 0;
}

/** The summary's row in the manifest of the folder it was written to, if that folder has one. */
async function recordInManifest(out: string, pdf: Buffer, pages: number, anios: string, ministerios?: string[]): Promise<string | undefined> {
  const dir = dirname(out);
  if (!existsSync(manifestPath(dir))) return undefined;
  let release: () => void;
  try {
    release = await lockFolder(dir, true);
  } catch (err) {
    return err instanceof FolderBusy ? `${dir}: otra ejecución escribe en la carpeta; el manifiesto no registra el resumen` : `${dir}: ${osErrorText(err)}`;
  }
  try {
    const years = anios.split(/, | y /).map(Number);
    const row: ManifestRow = {
      entrada: `(resumen) ${basename(out)}`,
      programa_id: '',
      anio: years.length === 1 ? years[0]! : null,
      fecha: '',
      programa: `Resumen ${anios}${ministerios?.length ? `: ${ministerios.join(', ')}` : ''}`,
      servicio: '',
      ministerio: ministerios?.join(', ') ?? '',
      metodologia: '',
      estado: 'resumen',
      pdf: basename(out),
      paginas: pages,
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      ms: 0,
      advertencias: 0,
      errores: 0,
      clave: '',
      cobertura: null,
      ejecucion_inicial: null,
      ejecucion_final: null,
      gasto_total: null,
      gasto_por_beneficiario: null,
      moneda_anio: null,
    };
    await writeManifest(dir, updateRows(readManifest(manifestPath(dir)).filas, [row]));
    return undefined;
  } catch (err) {
    return `no se pudo registrar el resumen en ${manifestPath(dir)}: ${(err as NodeJS.ErrnoException).code ? osErrorText(err) : (err as Error).message}`;
  } finally {
    release();
  }
}

function usage(message: string): number {
  console.error(`ficha summary: ${message}`);
  return 2;
}
