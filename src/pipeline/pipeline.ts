import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadTemplates, type TemplateSet } from '../layout/templates.js';
import { withoutBreakMarks } from '../layout/lines.js';
import { ChartEngine } from '../charts/engine.js';
import { measurerFor, renderPdf } from '../pdf/render.js';
import type { ProgramInput } from '../validate/schema.js';
import { validEpoch } from './epoch.js';
import { identityOf, runStages, summaryOf, type FichaSummary, type RenderOptions } from './stages.js';

export * from './stages.js';

export { validEpoch } from './epoch.js';

export interface RenderResult {
  diagnostics: Diagnostic[];
  pdf?: Buffer;
  /** `<programa.id>-<anio>.pdf` */
  fileName?: string;
  /** Who the ficha is about and its headline figures, for a batch's manifest. */
  summary?: FichaSummary;
  /** For an input that could not be rendered: what can be read of who it is about. */
  identity?: Partial<FichaSummary>;
}

/** One input (its text, or its bytes as read from disk) -> the ficha PDF, or the reasons why not. */
export async function renderFicha(file: string, source: string | Uint8Array, opts: RenderOptions = {}): Promise<RenderResult> {
  const staged = runStages(file, source, opts);
  if (!staged.layout || !staged.input || !staged.view) return { diagnostics: staged.diagnostics, identity: identityOf(staged.source) };
  const input = staged.input;
  // Break marks (soft hyphen, zero-width space) mean nothing in the document's metadata.
  const plain = withoutBreakMarks;
  const p = { ...input.programa, nombre: plain(input.programa.nombre), servicio: plain(input.programa.servicio), ministerio: plain(input.programa.ministerio) };
  const templates = loadTemplates(opts.templatesDir);
  const date = opts.date ?? defaultDate(input);
  const pdf = await renderPdf(staged.layout, {
    templates,
    metadata: {
      title: `${p.nombre} ${input.ficha.anio}`,
      author: p.servicio,
      subject: `Ficha de monitoreo y seguimiento de la oferta pública ${input.ficha.anio}: ${p.nombre} (${p.servicio}, ${p.ministerio})`,
      keywords: ['monitoreo', 'seguimiento', 'oferta pública', String(input.ficha.anio), p.ministerio, p.servicio].join(', '),
      date,
    },
    charts: staged.charts && { engine: chartEngineFor(templates), data: staged.charts },
    attachment: { name: `${p.id}-${input.ficha.anio}.yaml`, bytes: opts.sourceBytes ?? (typeof source === 'string' ? Buffer.from(source, 'utf8') : source), description: 'Datos de entrada de la ficha (formato 1)' },
  });
  return { diagnostics: staged.diagnostics, pdf, fileName: `${p.id}-${input.ficha.anio}.pdf`, summary: { ...summaryOf(input, staged.view), fecha: date.toISOString().slice(0, 10) } };
}

/**
 * The PDF's date when --date is not given, never the clock: SOURCE_DATE_EPOCH if set, else the
 * input's `ficha.fecha`, else 31 December of the monitoring year.
 */
function defaultDate(input: ProgramInput): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && validEpoch(epoch)) return new Date(Number(epoch) * 1000);
  if (input.ficha.fecha) return new Date(`${input.ficha.fecha}T12:00:00Z`);
  return new Date(Date.UTC(input.ficha.anio, 11, 31, 12, 0, 0));
}

const engines = new Map<string, ChartEngine>();

/** One chart engine (and so one cache of compiled specs) per templates folder and process. */
export function chartEngineFor(templates: TemplateSet): ChartEngine {
  let engine = engines.get(templates.dir);
  if (!engine) {
    const m = measurerFor(templates);
    engine = new ChartEngine(templates.dir, templates.theme, (text, bold, size) => m.width(text, bold ? 'bold' : 'regular', size));
    engines.set(templates.dir, engine);
  }
  return engine;
}

