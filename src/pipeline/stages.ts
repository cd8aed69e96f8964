/**
 * The stages from an input to its layout tree, without PDFKit or Vega: `ficha validate` and the
 * editor's diagnostics load only this. `pipeline.ts` adds the charts and the PDF.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors, promoteWarnings } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/report.js';
import { loadYaml, type LoadedSource } from '../load/load.js';
import { locate, type PathSegment } from '../load/locate.js';
import { computeFicha, type Ficha } from '../metrics/ficha.js';
import type { NarrativeProblem } from '../present/narrative.js';
import { present, type View } from '../present/view.js';
import { warningMessage } from '../present/warnings.js';
import type { LayoutDoc } from '../layout/blocks.js';
import { layout, TemplateProblem } from '../layout/layout.js';
import { loadTemplates } from '../layout/templates.js';
import type { ChartData } from '../present/chartData.js';
import { validate } from '../validate/validate.js';
import { replaceUndrawable } from '../validate/glyphs.js';
import { fontCoverage } from '../pdf/coverage.js';
import { resolveFontPath } from '../themeFonts.js';
import type { ProgramInput } from '../validate/schema.js';
import { printedNumber } from '../format/format.js';

export interface RenderOptions {
  templatesDir?: string;
  strict?: boolean;
  /** Creation date of the PDF; default: derived from the input, never the clock. */
  date?: Date;
  /** The input file's exact bytes, attached to the PDF; default: the text as UTF-8. */
  sourceBytes?: Uint8Array;
  /** false: a text-only ficha (--no-charts). */
  charts?: boolean;
  /** false: stop after the view model (diagnostics only: templates are not compiled). */
  layout?: boolean;
}

/** Each stage's output, so tests can run the pipeline up to any stage. */
export interface Staged {
  source: LoadedSource;
  diagnostics: Diagnostic[];
  input?: ProgramInput;
  ficha?: Ficha;
  view?: View;
  charts?: Record<string, ChartData>;
  layout?: LayoutDoc;
}


/**
 * load -> validate -> metrics -> present -> layout, collecting diagnostics; stops at the first stage
 * with errors. The diagnostics come sorted by line, so the CLI, the API and the editor list them alike.
 */
export function runStages(file: string, input: string | Uint8Array, opts: RenderOptions = {}): Staged {
  const staged = stagesOf(file, input, opts);
  staged.diagnostics = sortDiagnostics(staged.diagnostics);
  return staged;
}

function stagesOf(file: string, input: string | Uint8Array, opts: RenderOptions): Staged {
  const { source, diagnostics } = loadYaml(file, input);
  const staged: Staged = { source, diagnostics };
  if (hasErrors(diagnostics)) return staged;
  const templates = loadTemplates(opts.templatesDir);
  const hasGlyph = fontCoverage(resolveFontPath(templates.theme.fonts.regular, templates.dir));
  staged.diagnostics.push(...replaceUndrawable(source, hasGlyph));
  const v = validate(source);
  staged.diagnostics.push(...v.diagnostics);
  if (!v.input) return staged;
  staged.input = v.input;
  const ficha = computeFicha(v.input);
  staged.ficha = ficha;
  const at = (path: PathSegment[]) => locate(source, path);
  for (const w of ficha.warnings) {
    const pos = at(w.path);
    staged.diagnostics.push({ code: w.code, severity: 'warning', message: warningMessage(w), file, line: pos.line, column: pos.column, path: w.path.join('.') });
  }
  const { view, problems, charts } = present(ficha, { charts: opts.charts });
  staged.diagnostics.push(...problems.map((p) => narrativeDiagnostic(source, p)));
  // Warnings the analyst checked and silenced for this program (ficha.omitir_avisos) are not shown.
  const silenced = new Set(v.input.ficha.omitir_avisos);
  staged.diagnostics = staged.diagnostics.filter((d) => d.severity !== 'warning' || !silenced.has(d.code));
  if (opts.strict) staged.diagnostics = promoteWarnings(staged.diagnostics);
  if (hasErrors(staged.diagnostics)) return staged;
  staged.view = view;
  staged.charts = opts.charts === false ? undefined : charts;
  if (opts.layout !== false) {
    try {
      staged.layout = layout(view, templates);
    } catch (err) {
      if (!(err instanceof TemplateProblem)) throw err;
      staged.diagnostics.push({ code: 'template-unknown-name', severity: 'error', message: err.message, file: err.file, line: err.line, column: err.column });
    }
  }
  return staged;
}

/** The identity keys of a document that failed validation, read without expanding anything. */
export function identityOf(source: LoadedSource): Partial<FichaSummary> {
  const scalar = (...path: string[]) => {
    const v = source.doc.getIn(path);
    return typeof v === 'string' || typeof v === 'number' ? v : undefined;
  };
  const out: Partial<FichaSummary> = {};
  const id = scalar('programa', 'id');
  const anio = scalar('ficha', 'anio');
  if (id !== undefined) out.programa_id = String(id);
  if (typeof anio === 'number') out.anio = anio;
  for (const k of ['nombre', 'servicio', 'ministerio'] as const) {
    const v = scalar('programa', k);
    if (v !== undefined) out[k === 'nombre' ? 'programa' : k] = String(v).slice(0, 500);
  }
  const m = scalar('ficha', 'metodologia');
  if (m !== undefined) out.metodologia = String(m);
  return out;
}

/** The headline of one ficha: its identity and year t's figures, as numbers (null: S/I or N/A). */
export interface FichaSummary {
  programa_id: string;
  anio: number;
  programa: string;
  servicio: string;
  ministerio: string;
  metodologia: string;
  /** Percentages, as printed in the ficha (49,9% is 49.9). */
  cobertura: number | null;
  ejecucion_inicial: number | null;
  ejecucion_final: number | null;
  /** Thousands of pesos of `moneda_anio`, as printed. */
  gasto_total: number | null;
  gasto_por_beneficiario: number | null;
  /** The year of the pesos the amounts are in (ficha.moneda.anio_base). */
  moneda_anio: number;
  /** The ficha's date (its PDF's), YYYY-MM-DD; set by renderFicha. */
  fecha?: string;
}

export function summaryOf(input: ProgramInput, view: View): FichaSummary {
  const p = input.programa;
  return {
    programa_id: p.id,
    anio: input.ficha.anio,
    programa: p.nombre,
    servicio: p.servicio,
    ministerio: p.ministerio,
    metodologia: input.ficha.metodologia,
    cobertura: printedNumber(view.poblacion.cobertura[2]),
    ejecucion_inicial: printedNumber(view.presupuesto.ejecucion_inicial[2]),
    ejecucion_final: printedNumber(view.presupuesto.ejecucion_final[2]),
    gasto_total: printedNumber(view.componentes.total[2]),
    gasto_por_beneficiario: printedNumber(view.gasto_por_beneficiario[2]),
    moneda_anio: input.ficha.moneda.anio_base,
  };
}

function narrativeDiagnostic(source: LoadedSource, p: NarrativeProblem): Diagnostic {
  let pos = locate(source, p.path);
  if (p.needle) {
    const node = source.doc.getIn(p.path, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const idx = source.text.indexOf(p.needle, node.range[0]);
      if (idx >= 0 && idx < node.range[2]) {
        const lp = source.lineCounter.linePos(idx);
        pos = { line: lp.line, column: lp.col, found: p.path.length };
      }
    }
  }
  return { code: p.code, severity: 'error', message: p.message, file: source.file, line: pos.line, column: pos.column, path: p.path.map(String).join('.') };
}
