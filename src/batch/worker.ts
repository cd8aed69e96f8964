// A batch worker: renders one ficha per task, inside its own error boundary (renderOne).
import { Tinypool } from 'tinypool';
import type { CacheAdditions } from '../cache/diskCache.js';
import { commandModule, writeCodeCaches } from '../startup/compiled.js';
import type { RenderJob, RenderOutcome } from './renderOne.js';

// The renderer as the command's own thread loads it: built, the bundle compiled with V8's code
// cache (as an ES module chunk, each worker compiled ~4 MB of JavaScript anew: ~150 ms before its
// first ficha, and the functions a ficha calls as it ran them).
const { renderOne, forwardAdditions, takeAdditions } = await commandModule('renderer', () => import('./renderer.js'));
forwardAdditions();

/** A ficha's outcome, with what the worker's caches added for the main thread to keep (`keepAdditions`). */
export type WorkerOutcome = RenderOutcome & { cacheAdditions?: CacheAdditions[] };

/** A ficha's outcome, or (with a PDF) the outcome wrapped for Tinypool to move its PDF: the main thread gets the outcome. */
export type WorkerResult = WorkerOutcome | ReturnType<typeof Tinypool.move>;

let rendered = false;

export default async function render(job: RenderJob): Promise<WorkerResult> {
  const o: WorkerOutcome = { ...(await renderOne(job)), cacheAdditions: takeAdditions() };
  // A worker is stopped, not ended, so the code cache is not left for the exit: it is written (if
  // it was missing or rejected) after the first ficha, when it holds what rendering compiled.
  if (!rendered) writeCodeCaches();
  rendered = true;
  if (!o.pdf) return o;
  // The PDF's bytes move to the main thread instead of being copied there; a view of a larger
  // buffer is copied first, so nothing else moves with it.
  const pdf = o.pdf.byteOffset === 0 && o.pdf.byteLength === o.pdf.buffer.byteLength ? o.pdf : o.pdf.slice();
  return Tinypool.move({ [Tinypool.transferableSymbol]: [pdf.buffer], [Tinypool.valueSymbol]: { ...o, pdf } } as never);
}
