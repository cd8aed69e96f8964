// A batch worker: renders one ficha per task, inside its own error boundary (renderOne).
import { readCachesOnly } from '../cache/diskCache.js';
import { renderOne, type RenderJob, type RenderOutcome } from './renderOne.js';

readCachesOnly();

export default function render(job: RenderJob): Promise<RenderOutcome> {
  return renderOne(job);
}
