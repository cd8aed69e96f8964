import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { writeAtomic } from '../output/write.js';
import { renderFicha } from '../pipeline/pipeline.js';

export interface RenderJob {
  file: string;
  out: string;
  templatesDir?: string;
  strict?: boolean;
  date?: string;
  charts?: boolean;
}

export interface RenderOutcome {
  file: string;
  written?: string;
  bytes?: number;
  pages?: number;
  ms: number;
  diagnostics: Diagnostic[];
  /** The input's text, for diagnostic excerpts. */
  text?: string;
  /** An unexpected failure (a bug), kept per file so the batch goes on. */
  crash?: string;
}

/** One file's whole error boundary: whatever happens, the batch gets an outcome back. */
export async function renderOne(job: RenderJob): Promise<RenderOutcome> {
  const start = performance.now();
  let text: string | undefined;
  try {
    const bytes = readFileSync(job.file);
    text = bytes.toString('utf8');
    const result = await renderFicha(job.file, bytes, { templatesDir: job.templatesDir, strict: job.strict, date: job.date ? new Date(job.date) : undefined, sourceBytes: bytes, charts: job.charts });
    if (!result.pdf || !result.fileName || hasErrors(result.diagnostics)) {
      return { file: job.file, ms: performance.now() - start, diagnostics: result.diagnostics, text };
    }
    const written = writeAtomic(job.out, result.fileName, result.pdf);
    const pages = (result.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    return { file: job.file, written, bytes: result.pdf.length, pages, ms: performance.now() - start, diagnostics: result.diagnostics, text };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') {
      return { file: job.file, ms: performance.now() - start, diagnostics: [{ code: 'io', severity: 'error', message: `no se pudo leer o escribir: ${e.message}`, file: job.file }] };
    }
    return { file: job.file, ms: performance.now() - start, diagnostics: [], text, crash: e.stack ?? String(e) };
  }
}
