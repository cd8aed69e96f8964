import { documentTemplate, loadTemplates } from '../layout/templates.js';
import { parseMarkup } from '../layout/parseMarkup.js';
import { renderPdf } from '../pdf/render.js';
import { chartEngineFor } from '../pipeline/pipeline.js';
import type { SummaryProgram } from './collect.js';
import { summaryView, type SummaryView } from './view.js';

export interface SummaryOptions {
  templatesDir?: string;
  /** Only these ministries' programs (already filtered); named in the title. */
  ministerios?: string[];
  charts?: boolean;
  /** The PDF's date; default: 31 December of the latest year summarized, never the clock. */
  date?: Date;
}

/**
 * The year's summary as a PDF, through the fichas' own stages: the view (summary/view.ts), the
 * folder's `resumen.hbs` in the fichas' markup, Vega-Lite charts, typesetting and PDF/A-3a with
 * tags and bookmarks. The programs' table is attached (resumen-<años>.json), as a ficha carries
 * its input.
 */
export async function renderSummary(programs: SummaryProgram[], opts: SummaryOptions = {}): Promise<{ pdf: Buffer; view: SummaryView }> {
  const templates = loadTemplates(opts.templatesDir);
  const { view, charts } = summaryView(programs, { ministerios: opts.ministerios, charts: opts.charts });
  const layoutDoc = parseMarkup(documentTemplate(templates, 'resumen')(view));
  const latest = Math.max(...programs.map((p) => p.anio));
  const date = opts.date ?? new Date(Date.UTC(latest, 11, 31, 12, 0, 0));
  const years = view.anios.replace(/ y /g, '-').replace(/, /g, '-');
  const pdf = await renderPdf(layoutDoc, {
    templates,
    metadata: {
      title: `Resumen del monitoreo y seguimiento de la oferta pública ${view.anios}${view.filtro ? `: ${view.filtro}` : ''}`,
      author: 'ficha',
      subject: `${view.alcance}: ejecución presupuestaria, cobertura, gasto por beneficiario y hallazgos de cada programa`,
      keywords: ['monitoreo', 'seguimiento', 'oferta pública', 'resumen', view.anios, ...(opts.ministerios ?? [])].join(', '),
      date,
    },
    charts: opts.charts === false ? undefined : { engine: chartEngineFor(templates), data: charts },
    attachment: {
      name: `resumen-${years}.json`,
      bytes: Buffer.from(`${JSON.stringify({ programas: programs }, null, 1)}\n`, 'utf8'),
      description: 'Los programas del resumen y sus cifras (JSON)',
      type: 'application/json',
      relationship: 'Data',
    },
  });
  return { pdf, view };
}
