import { availableParallelism } from 'node:os';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics/report.js';
import { collectInputs } from './inputs.js';
import { runBatch } from './batch.js';
import type { RenderOutcome } from './renderOne.js';

export interface RenderCliOptions {
  out: string;
  templates?: string;
  strict?: boolean;
  date?: string;
  jobs?: string;
  quiet?: boolean;
  /** commander's negation of --no-charts */
  charts?: boolean;
}

export async function renderCommand(inputs: string[], opts: RenderCliOptions): Promise<number> {
  if (opts.date && Number.isNaN(new Date(opts.date).getTime())) {
    console.error(`--date: se esperaba una fecha ISO 8601 (p. ej. 2023-05-31); se encontró «${opts.date}»`);
    return 2;
  }
  const jobs = opts.jobs ? Number(opts.jobs) : Math.max(1, availableParallelism());
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error(`--jobs: se esperaba un número entero >= 1; se encontró «${opts.jobs}»`);
    return 2;
  }
  const { files, missing } = collectInputs(inputs);
  for (const m of missing) console.error(`${m}: no existe el archivo o la carpeta`);
  if (files.length === 0) {
    console.error('no hay archivos YAML que renderizar');
    return 2;
  }
  const started = performance.now();
  const outcomes = await runBatch(
    files.map((file) => ({ file, out: opts.out, templatesDir: opts.templates, strict: opts.strict, date: opts.date, charts: opts.charts !== false })),
    { jobs, progress: !opts.quiet && process.stderr.isTTY === true },
    report,
  );
  const clashes = sameOutput(outcomes);
  for (const [path, sources] of clashes) {
    console.error(`${path}: ${sources.join(' y ')} generan el mismo archivo (mismo programa.id y anio); quedó el de ${sources[sources.length - 1]} [same-output]`);
  }
  const seconds = (performance.now() - started) / 1000;
  const ok = outcomes.filter((o) => o.written).length;
  const invalid = outcomes.filter((o) => !o.written && !o.crash).length;
  const crashed = outcomes.filter((o) => o.crash).length;
  const warnings = outcomes.reduce((s, o) => s + o.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  console.log(
    `${ok} ficha${ok === 1 ? '' : 's'} generada${ok === 1 ? '' : 's'}, ${invalid} con errores` +
      (crashed ? `, ${crashed} con fallas internas` : '') +
      (warnings ? `, ${warnings} advertencia${warnings === 1 ? '' : 's'}` : '') +
      ` en ${seconds.toFixed(1).replace('.', ',')} s`,
  );
  if (crashed) return 3;
  return invalid > 0 || missing.length > 0 || clashes.size > 0 ? 1 : 0;
}

/** Output files written by more than one input, in order of completion. */
function sameOutput(outcomes: RenderOutcome[]): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const o of outcomes) if (o.written) by.set(o.written, [...(by.get(o.written) ?? []), o.file]);
  return new Map([...by].filter(([, files]) => files.length > 1));
}

function report(o: RenderOutcome): void {
  for (const d of sortDiagnostics(o.diagnostics)) console.error(formatDiagnostic(d, o.text));
  if (o.crash) console.error(`${o.file}: falla interna (no se generó el PDF):\n${o.crash}`);
  if (o.written) {
    console.log(`${o.written} (${o.pages} página${o.pages === 1 ? '' : 's'}, ${Math.round((o.bytes ?? 0) / 1024)} KB, ${Math.round(o.ms)} ms)`);
  } else if (!o.crash) console.error(`${o.file}: no se generó el PDF`);
}
