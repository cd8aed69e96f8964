import { renderOne, type RenderJob, type RenderOutcome } from './renderOne.js';

export interface BatchOptions {
  jobs: number;
  progress: boolean;
}

/** Renders every job, in order of completion, reporting each as it ends; one failure never stops the rest. */
export async function runBatch(jobs: RenderJob[], opts: BatchOptions, onDone: (o: RenderOutcome) => void): Promise<RenderOutcome[]> {
  const outcomes: RenderOutcome[] = [];
  for (const job of jobs) {
    const o = await renderOne(job);
    outcomes.push(o);
    onDone(o);
  }
  return outcomes;
}
