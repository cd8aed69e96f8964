import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderFicha, runStages, type FichaSummary } from '../pipeline/pipeline.js';
import { readInput } from '../load/readInput.js';
import { pageCount } from '../output/pages.js';
import { LIMITS } from '../load/limits.js';

export interface RenderJob {
  file: string;
  /** The input's bytes when they do not come from `file` (the server's request body). */
  bytes?: Uint8Array;
  templatesDir?: string;
  strict?: boolean;
  date?: string;
  charts?: boolean;
  /** Only the diagnostics, without layout or PDF (the server's /api/validate, off its event loop). */
  validateOnly?: boolean;
}

export interface RenderOutcome {
  file: string;
  /** The PDF and its file name; the batch writes it (so that it decides which input wins a name). */
  pdf?: Uint8Array;
  fileName?: string;
  pages?: number;
  ms: number;
  diagnostics: Diagnostic[];
  /** The input's text, for diagnostic excerpts. */
  text?: string;
  /** An unexpected failure (a bug), kept per file so the batch goes on. */
  crash?: string;
  summary?: FichaSummary;
  identity?: Partial<FichaSummary>;
}

/** One file's whole error boundary: whatever happens, the batch gets an outcome back. */
export async function renderOne(job: RenderJob): Promise<RenderOutcome> {
  const start = performance.now();
  let text: string | undefined;
  try {
    let bytes: Buffer;
    if (job.bytes) bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    else {
      const read = readInput(job.file);
      if (!read.bytes) return { file: job.file, ms: performance.now() - start, diagnostics: read.diagnostics };
      bytes = read.bytes;
    }
    text = bytes.length <= LIMITS.fileBytes ? bytes.toString('utf8') : undefined;
    if (job.validateOnly) {
      const staged = runStages(job.file, bytes, { templatesDir: job.templatesDir, strict: job.strict, layout: false });
      return { file: job.file, ms: performance.now() - start, diagnostics: staged.diagnostics };
    }
    const result = await renderFicha(job.file, bytes, { templatesDir: job.templatesDir, strict: job.strict, date: job.date ? new Date(job.date) : undefined, sourceBytes: bytes, charts: job.charts });
    // The text is only for diagnostics' excerpts.
    const base = { file: job.file, ms: performance.now() - start, diagnostics: result.diagnostics, text: result.diagnostics.length ? text : undefined, summary: result.summary, identity: result.identity };
    if (!result.pdf || !result.fileName || hasErrors(result.diagnostics)) return base;
    const pages = pageCount(result.pdf);
    return { ...base, pdf: new Uint8Array(result.pdf.buffer, result.pdf.byteOffset, result.pdf.length), fileName: result.fileName, pages };
  } catch (err) {
    const e = err as Error;
    return { file: job.file, ms: performance.now() - start, diagnostics: [], text, crash: e.stack ?? String(e) };
  }
}
