import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { TEMPLATES_DIR } from '../paths.js';
import { commandModule } from '../startup/compiled.js';
import { writeAtomic } from '../output/write.js';
import { readInput } from '../load/readInput.js';
import { contentKey, keyContext } from './contentKey.js';
import { dispatch } from './dispatch.js';
import { lockFolder } from './lock.js';
import { manifestPath, readManifest, updateRows, writeManifest, type CsvSeparator, type ManifestRow } from './manifest.js';
import { pageCount } from '../output/pages.js';
import type { RenderJob, RenderOutcome } from './renderOne.js';
import { osErrorText } from '../diagnostics/osError.js';

export interface BatchOptions {
  out: string;
  templatesDir?: string;
  strict: boolean;
  date?: string;
  charts: boolean;
  jobs: number;
  /** Skip inputs whose PDF is up to date (same content key, PDF unchanged on disk). */
  changed: boolean;
  /** Stop dispatching at the first input that fails. */
  failFast: boolean;
  /** Checked before each ficha starts: true stops dispatching (a signal). */
  interrupted: () => boolean;
  /** Each ficha as it ends, and each skipped one. */
  onDone?: (o: RenderOutcome, row: ManifestRow) => void;
  /** Another run writing into `out`: wait for it to end instead of refusing (FolderBusy). */
  wait?: boolean;
  /** V8's budget the command set at start (startup/optimizationBudget.ts), to set back after a one-thread batch. */
  interruptBudget?: number;
  /** manifest.csv's separator: `,` (default) or `;` for Excel set to es-CL. */
  csvSeparator?: CsvSeparator;
  /** Inputs that are not files of their own (a workbook's programs, `libro.xlsx:x-2025.yaml`): their bytes. */
  sources?: ReadonlyMap<string, Uint8Array>;
}

export interface BatchResult {
  rows: ManifestRow[];
  /** Each ficha's outcome, without its PDF's bytes: they are on disk, and a year of them is ~100 MB. */
  outcomes: RenderOutcome[];
  skipped: number;
  /** Inputs never started (stopped by a signal or --fail-fast). */
  notStarted: number;
  /** Two inputs named the same PDF: which won and which did not. */
  clashes: { pdf: string; winner: string; losers: string[] }[];
  /** What the batch had to mend on its way (a damaged manifest), in Spanish, for the user. */
  warnings: string[];
  /** Why the manifest could not be written (the folder became unwritable), in Spanish. */
  manifestError?: string;
}

const isFailure = (o: RenderOutcome) => o.crash !== undefined || hasErrors(o.diagnostics);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Renders a batch into `out` and updates its manifest: rows of this run replace the rows of the
 * same inputs; the others are kept. The main thread writes every PDF, so when two inputs name the
 * same PDF the last one in sorted order always wins, whatever order the workers finish in.
 */
export async function renderBatch(files: string[], opts: BatchOptions): Promise<BatchResult> {
  // Held from reading the manifest to writing it: no other run's rows are lost in between.
  const release = await lockFolder(opts.out, opts.wait ?? false);
  try {
    return await renderLocked(files, opts);
  } finally {
    release();
  }
}

/**
 * The rows of the folder's manifest. A damaged one (cut short, not JSON, rows that are not rows) is
 * rebuilt from the PDFs in the folder, each of which carries its input: their rows have no content
 * key, so `--changed` renders them again.
 */
async function previousRows(out: string, warnings: string[]): Promise<ManifestRow[]> {
  try {
    const rows = readManifest(manifestPath(out)).filas;
    if (rows.every((r) => r && typeof r === 'object' && typeof r.entrada === 'string' && typeof r.estado === 'string')) return rows;
  } catch {
    // rebuilt below
  }
  // The renderer reads a PDF's input; loaded only here, as dispatch loads it (a batch's main thread
  // with workers never loads it otherwise).
  const { inputOfPdf } = await commandModule('renderer', () => import('./renderer.js'));
  const rebuilt: ManifestRow[] = [];
  for (const name of readdirSync(out).filter((f) => f.toLowerCase().endsWith('.pdf')).sort()) {
    const bytes = readFileSync(join(out, name));
    const pdf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    const own = await inputOfPdf(pdf);
    if (!own || own.fileName !== name) continue;
    const pages = pageCount(bytes);
    rebuilt.push(rowOf({ file: own.name, ms: 0, diagnostics: own.diagnostics, pdf, fileName: name, pages, summary: own.summary }, ''));
  }
  warnings.push(`${manifestPath(out)} estaba dañado: se reconstruyó a partir de ${rebuilt.length} PDF de la carpeta (sus fichas se generan de nuevo con --changed)`);
  return rebuilt;
}

async function renderLocked(files: string[], opts: BatchOptions): Promise<BatchResult> {
  const templatesDir = resolve(opts.templatesDir ?? TEMPLATES_DIR);
  const warnings: string[] = [];
  const previous = await previousRows(opts.out, warnings);
  const prevByInput = new Map(previous.map((r) => [r.entrada, r]));
  const order = new Map([...files].sort().map((f, i) => [f, i]));
  const keys = new Map<string, string>();
  const context = keyContext({ templatesDir, charts: opts.charts, strict: opts.strict, date: opts.date });
  const jobs: RenderJob[] = [];
  const rows: ManifestRow[] = [];
  let skipped = 0;
  for (const file of files) {
    // Read once: the key and the render see the same bytes, even if the file changes meanwhile.
    const given = opts.sources?.get(file);
    const read = given ? { bytes: Buffer.from(given) } : readInput(file);
    const key = read.bytes ? contentKey(read.bytes, context) : '';
    keys.set(file, key);
    const prev = prevByInput.get(file);
    if (opts.changed && key && prev && prev.clave === key && upToDate(prev, opts.out)) {
      skipped++;
      const row = { ...prev, estado: 'sin cambios' as const };
      rows.push(row);
      opts.onDone?.({ file, ms: 0, diagnostics: [] }, row);
      continue;
    }
    // Unreadable: renderOne reads it again and reports why.
    jobs.push({ file, bytes: read.bytes, templatesDir: opts.templatesDir, strict: opts.strict, date: opts.date, charts: opts.charts });
  }

  const outcomes: RenderOutcome[] = [];
  const writtenBy = new Map<string, string>();
  const lost = new Map<string, string[]>();
  let failed = false;
  let started = 0;
  await dispatch(
    jobs,
    { jobs: opts.jobs, interruptBudget: opts.interruptBudget, stopped: (last) => opts.interrupted() || (opts.failFast && (failed || (last !== undefined && isFailure(last)))) },
    (o) => {
      started++;
      if (o.pdf && o.fileName) {
        const holder = writtenBy.get(o.fileName);
        if (holder !== undefined && order.get(holder)! > order.get(o.file)!) {
          // A later input already wrote this PDF: it wins, this one is refused.
          lost.set(o.fileName, [...(lost.get(o.fileName) ?? []), o.file]);
          o = sameOutput(o, holder);
        } else {
          try {
            writeAtomic(opts.out, o.fileName, o.pdf);
            if (holder !== undefined) lost.set(o.fileName, [...(lost.get(o.fileName) ?? []), holder]);
            writtenBy.set(o.fileName, o.file);
          } catch (err) {
            // A full disk, a folder gone or made read-only: this ficha failed, the batch goes on.
            o = notWritten(o, opts.out, err as NodeJS.ErrnoException);
          }
        }
      }
      if (isFailure(o)) failed = true;
      const row = rowOf(o, keys.get(o.file) ?? '');
      outcomes.push({ ...o, pdf: undefined });
      rows.push(row);
      opts.onDone?.(o, row);
    },
  );
  // Inputs that lost their PDF to a later input: their rows say so.
  const clashes = [...lost].map(([pdf, losers]) => ({ pdf, winner: writtenBy.get(pdf)!, losers: [...new Set(losers)].sort() }));
  for (const c of clashes) {
    for (const loser of c.losers) {
      const i = rows.findIndex((r) => r.entrada === loser);
      const o = outcomes.find((x) => x.file === loser)!;
      if (i >= 0 && o && rows[i]!.pdf) {
        const refused = sameOutput(o, c.winner);
        outcomes[outcomes.indexOf(o)] = refused;
        rows[i] = rowOf(refused, rows[i]!.clave);
      }
    }
  }
  let manifestError: string | undefined;
  try {
    await writeManifest(opts.out, updateRows(previous, rows), opts.csvSeparator);
  } catch (err) {
    manifestError = `no se pudo escribir el manifiesto en ${opts.out}: ${osErrorText(err)}`;
  }
  return { rows, outcomes, skipped, notStarted: jobs.length - started, clashes, warnings, manifestError };
}

function notWritten(o: RenderOutcome, out: string, err: NodeJS.ErrnoException): RenderOutcome {
  const d: Diagnostic = { code: 'io', severity: 'error', message: `no se pudo escribir ${o.fileName} en ${out}: ${osErrorText(err)}`, file: o.file };
  return { ...o, pdf: undefined, fileName: undefined, pages: undefined, diagnostics: [...o.diagnostics, d] };
}

function sameOutput(o: RenderOutcome, winner: string): RenderOutcome {
  const d: Diagnostic = {
    code: 'same-output',
    severity: 'error',
    message: `${o.fileName} también lo genera ${winner} (mismo programa.id y anio); queda el de ${winner}, el último en orden alfabético`,
    file: o.file,
  };
  return { ...o, pdf: undefined, fileName: undefined, pages: undefined, diagnostics: [...o.diagnostics, d] };
}

/** A previous row is up to date when its PDF is still in the folder, unchanged. */
function upToDate(row: ManifestRow, out: string): boolean {
  if ((row.estado !== 'generada' && row.estado !== 'sin cambios') || !row.pdf) return false;
  const path = join(out, row.pdf);
  return existsSync(path) && sha256(readFileSync(path)) === row.sha256;
}

function rowOf(o: RenderOutcome, clave: string): ManifestRow {
  const s = o.summary;
  const id = s ?? o.identity ?? {};
  const written = o.pdf !== undefined && o.fileName !== undefined;
  return {
    entrada: o.file,
    programa_id: id.programa_id ?? '',
    anio: id.anio ?? null,
    fecha: written ? (s?.fecha ?? '') : '',
    programa: id.programa ?? '',
    servicio: id.servicio ?? '',
    ministerio: id.ministerio ?? '',
    metodologia: id.metodologia ?? '',
    estado: o.crash ? 'falla interna' : written ? 'generada' : 'con errores',
    pdf: written ? o.fileName! : '',
    paginas: written ? (o.pages ?? null) : null,
    bytes: written ? o.pdf!.length : null,
    sha256: written ? sha256(o.pdf!) : '',
    ms: Math.round(o.ms),
    advertencias: o.diagnostics.filter((d) => d.severity === 'warning').length,
    errores: o.diagnostics.filter((d) => d.severity === 'error').length + (o.crash ? 1 : 0),
    clave,
    cobertura: written ? (s?.cobertura ?? null) : null,
    ejecucion_inicial: written ? (s?.ejecucion_inicial ?? null) : null,
    ejecucion_final: written ? (s?.ejecucion_final ?? null) : null,
    gasto_total: written ? (s?.gasto_total ?? null) : null,
    gasto_por_beneficiario: written ? (s?.gasto_por_beneficiario ?? null) : null,
    moneda_anio: written ? (s?.moneda_anio ?? null) : null,
  };
}
