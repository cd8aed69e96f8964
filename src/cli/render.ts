import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics/report.js';
import { readFileSync } from 'node:fs';
import { renderBatch } from '../batch/batch.js';
import { csvSeparatorOf } from './csvSep.js';
import { FolderBusy } from '../batch/lock.js';
import type { RenderOutcome } from '../batch/renderOne.js';
import type { ManifestRow } from '../batch/manifest.js';
import { MAX_SHARDS, parseShard, shardOf } from '../batch/shard.js';
import { parseIsoDate } from './isoDate.js';
import { collectInputs } from './inputs.js';
import { validEpoch } from '../pipeline/epoch.js';
import { checkOutDir, checkTemplatesDir } from './paths.js';
import { num } from '../format/format.js';

export interface RenderCliOptions {
  out: string;
  templates?: string;
  strict?: boolean;
  date?: string;
  jobs?: string;
  quiet?: boolean;
  /** commander's negation of --no-charts */
  charts?: boolean;
  changed?: boolean;
  shard?: string;
  failFast?: boolean;
  /** Another run writing into --out: wait for it instead of refusing. */
  wait?: boolean;
  /** manifest.csv's separator. */
  csvSep?: string;
  /** Not an option: V8's budget the command's entry set (cli/main.ts). */
  interruptBudget?: number;
}

/** Exit status of a batch stopped by SIGINT or SIGTERM (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export async function renderCommand(inputs: string[], opts: RenderCliOptions): Promise<number> {
  const date = checkDate(opts.date);
  if (date === false) return 2;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '' && !validEpoch(epoch)) {
    console.error(`SOURCE_DATE_EPOCH: se esperaban segundos desde 1970 hasta el año 9999; se encontró «${epoch.slice(0, 40)}»`);
    return 2;
  }
  const jobs = opts.jobs ? Number(opts.jobs) : Math.max(1, availableParallelism());
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error(`--jobs: se esperaba un número entero >= 1; se encontró «${opts.jobs}»`);
    return 2;
  }
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (opts.shard !== undefined && !shard) {
    console.error(`--shard: se esperaba K/N con 1 <= K <= N <= ${MAX_SHARDS} (p. ej. 2/4); se encontró «${opts.shard}»`);
    return 2;
  }
  const csvSeparator = csvSeparatorOf(opts.csvSep);
  if (csvSeparator === undefined) return 2;
  const outProblem = checkOutDir(opts.out) ?? (opts.templates ? checkTemplatesDir(opts.templates) : undefined);
  if (outProblem) {
    console.error(outProblem);
    return 2;
  }
  const collected = collectInputs(inputs);
  for (const m of collected.missing) console.error(`${m}: no existe el archivo o la carpeta`);
  // A workbook (ficha export) is its programs: each read as the YAML ficha import would write.
  const sources = new Map<string, Uint8Array>();
  let bookErrors = 0;
  for (const book of collected.files.filter((f) => /\.xlsx$/i.test(f))) {
    const { commandModule } = await import('../startup/compiled.js');
    const { importWorkbook, formatProblem } = await commandModule('workbook', () => import('../workbook/import.js'));
    const { inputs: programs, problems } = await importWorkbook(readFileSync(book), book);
    for (const p of problems) console.error(formatProblem(p));
    bookErrors += problems.filter((p) => p.severity === 'error').length;
    for (const p of programs.filter((x) => x.ok)) sources.set(`${book}:${p.name}`, Buffer.from(p.text, 'utf8'));
  }
  collected.files = collected.files.flatMap((f) => (/\.xlsx$/i.test(f) ? [...sources.keys()].filter((k) => k.startsWith(`${f}:`)) : [f]));
  const files = shard ? collected.files.filter((f) => shardOf(f, shard.n) === shard.k) : collected.files;
  if (collected.files.length === 0 && bookErrors) return 1;
  if (collected.files.length === 0) {
    console.error('no hay archivos YAML que renderizar');
    return 2;
  }

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C does not wait
    interrupted = true;
    console.error(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: no se inician más fichas; se terminan las que están en curso y se escribe el manifiesto (otra vez para salir ya)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = opts.quiet ? undefined : progressReporter(files.length);
  const started = performance.now();
  try {
    const result = await renderBatch(files, {
      out: opts.out,
      templatesDir: opts.templates,
      strict: opts.strict === true,
      date,
      charts: opts.charts !== false,
      jobs,
      changed: opts.changed === true,
      failFast: opts.failFast === true,
      wait: opts.wait === true,
      interruptBudget: opts.interruptBudget,
      csvSeparator,
      sources,
      interrupted: () => interrupted,
      onDone: (o, row) => {
        progress?.clear();
        report(o, row, opts.out);
        progress?.tick();
      },
    });
    progress?.stop();
    for (const w of result.warnings) console.error(`aviso: ${w}`);
    if (result.manifestError) console.error(`error: ${result.manifestError}`);
    for (const c of result.clashes) {
      console.error(`${c.pdf}: ${[...c.losers, c.winner].join(' y ')} generan el mismo archivo (mismo programa.id y anio); queda el de ${c.winner} [same-output]`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(summaryLine(result.rows, result.skipped, seconds, shard && `${shard.k}/${shard.n}`, collected.files.length));
    if (interrupted) {
      console.error(`interrumpido: ${result.notStarted} ficha${result.notStarted === 1 ? '' : 's'} sin iniciar`);
      return EXIT_INTERRUPTED;
    }
    if (opts.failFast && result.notStarted > 0) console.error(`--fail-fast: ${result.notStarted} ficha${result.notStarted === 1 ? '' : 's'} sin iniciar tras la primera falla`);
    if (result.rows.some((r) => r.estado === 'falla interna')) return 3;
    return result.rows.some((r) => r.estado === 'con errores') || collected.missing.length > 0 || bookErrors > 0 || result.manifestError ? 1 : 0;
  } catch (err) {
    if (!(err instanceof FolderBusy)) throw err;
    progress?.stop();
    console.error(`${opts.out}: ${err.message}; espere a que termine, o use --wait para esperarla`);
    return 2;
  } finally {
    progress?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The ISO date of --date, undefined when absent, false (after saying why) when unusable. */
function checkDate(text: string | undefined): string | undefined | false {
  if (text === undefined) return undefined;
  if (!parseIsoDate(text)) {
    console.error(`--date: se esperaba una fecha ISO 8601 que exista, AAAA-MM-DD o AAAA-MM-DDTHH:MM (p. ej. 2023-05-31); se encontró «${text}»`);
    return false;
  }
  return text;
}

// es-CL, as the ficha prints figures (without Intl, whose locale data costs a cold start ~25 ms).
const es = (n: number, d = 1) => num(n, d);
const plural = (n: number, one: string, many: string) => `${num(n, 0)} ${n === 1 ? one : many}`;

export function summaryLine(rows: ManifestRow[], skipped: number, seconds: number, shard?: string, total?: number): string {
  const generated = rows.filter((r) => r.estado === 'generada');
  const errors = rows.filter((r) => r.estado === 'con errores').length;
  const crashes = rows.filter((r) => r.estado === 'falla interna').length;
  const warnings = rows.reduce((s, r) => s + r.advertencias, 0);
  const pages = generated.reduce((s, r) => s + (r.paginas ?? 0), 0);
  const mb = generated.reduce((s, r) => s + (r.bytes ?? 0), 0) / 1e6;
  const rate = seconds > 0 ? generated.length / seconds : 0;
  return (
    `${plural(generated.length, 'ficha generada', 'fichas generadas')}, ${plural(skipped, 'sin cambios', 'sin cambios')}, ${errors} con errores` +
    (crashes ? `, ${crashes} con fallas internas` : '') +
    `, ${plural(warnings, 'advertencia', 'advertencias')} · ${plural(pages, 'página', 'páginas')}, ${es(mb)} MB · ${es(seconds)} s, ${es(rate)} fichas/s` +
    (shard ? ` · fragmento ${shard} (${rows.length} de ${total} archivos)` : '')
  );
}

function report(o: RenderOutcome, row: ManifestRow, out: string): void {
  for (const d of sortDiagnostics(o.diagnostics)) console.error(formatDiagnostic(d, d.file === o.file ? o.text : undefined));
  if (o.crash) console.error(`${o.file}: falla interna (no se generó el PDF):\n${o.crash}`);
  if (row.estado === 'generada') console.log(`${join(out, row.pdf)} (${plural(row.paginas ?? 0, 'página', 'páginas')}, ${Math.round((row.bytes ?? 0) / 1024)} KB, ${Math.round(o.ms)} ms)`);
  else if (row.estado === 'con errores') console.error(`${o.file}: no se generó el PDF`);
}

/** A live bar on a terminal; elsewhere (CI, logs) one plain line every 5 seconds. */
function progressReporter(total: number): { tick(): void; clear(): void; stop(): void } {
  let done = 0;
  const start = performance.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'Fichas {bar} {value}/{total} · {rate} fichas/s · {eta_formatted} restante', hideCursor: true, clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: '0' });
    return {
      tick: () => {
        done++;
        bar.update(done, { rate: es(done / ((performance.now() - start) / 1000)) });
      },
      // Lines printed while the bar is drawn must not be overwritten by it.
      clear: () => process.stderr.write('\r\x1b[K'),
      stop: () => bar.stop(),
    };
  }
  const timer = setInterval(() => {
    const s = (performance.now() - start) / 1000;
    const rate = done / s;
    const left = rate > 0 ? (total - done) / rate : 0;
    console.error(`[ficha] ${done}/${total} fichas (${Math.round((100 * done) / total)}%), ${es(rate)} fichas/s, quedan ${Math.round(left)} s`);
  }, 5000);
  timer.unref();
  return { tick: () => void done++, clear: () => {}, stop: () => clearInterval(timer) };
}
