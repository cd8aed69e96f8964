// A batch worker: renders one ficha per task, inside its own error boundary (renderOne).
import { Tinypool } from 'tinypool';
import { forwardAdditions, takeAdditions, type CacheAdditions } from '../cache/diskCache.js';
import { renderOne, type RenderJob, type RenderOutcome } from './renderOne.js';

forwardAdditions();

/** A ficha's outcome, with what the worker's caches added for the main thread to keep (`keepAdditions`). */
export type WorkerOutcome = RenderOutcome & { cacheAdditions?: CacheAdditions[] };

/** A ficha's outcome, or (with a PDF) the outcome wrapped for Tinypool to move its PDF: the main thread gets the outcome. */
export type WorkerResult = WorkerOutcome | ReturnType<typeof Tinypool.move>;

export default async function render(job: RenderJob): Promise<WorkerResult> {
  const o: WorkerOutcome = { ...(await renderOne(job)), cacheAdditions: takeAdditions() };
  if (!o.pdf) return o;
  // The PDF's bytes move to the main thread instead of being copied there; a view of a larger
  // buffer is copied first, so nothing else moves with it.
  const pdf = o.pdf.byteOffset === 0 && o.pdf.byteLength === o.pdf.buffer.byteLength ? o.pdf : o.pdf.slice();
  return Tinypool.move({ [Tinypool.transferableSymbol]: [pdf.buffer], [Tinypool.valueSymbol]: { ...o, pdf } } as never);
}
