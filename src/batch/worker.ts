// A batch worker: renders one ficha per task, inside its own error boundary (renderOne).
import { Tinypool } from 'tinypool';
import { readCachesOnly } from '../cache/diskCache.js';
import { renderOne, type RenderJob, type RenderOutcome } from './renderOne.js';

readCachesOnly();

/** A ficha's outcome, or (with a PDF) the outcome wrapped for Tinypool to move its PDF: the main thread gets the outcome. */
export type WorkerResult = RenderOutcome | ReturnType<typeof Tinypool.move>;

export default async function render(job: RenderJob): Promise<WorkerResult> {
  const o = await renderOne(job);
  if (!o.pdf) return o;
  // The PDF's bytes move to the main thread instead of being copied there; a view of a larger
  // buffer is copied first, so nothing else moves with it.
  const pdf = o.pdf.byteOffset === 0 && o.pdf.byteLength === o.pdf.buffer.byteLength ? o.pdf : o.pdf.slice();
  return Tinypool.move({ [Tinypool.transferableSymbol]: [pdf.buffer], [Tinypool.valueSymbol]: { ...o, pdf } } as never);
}
