import type { RenderJob, RenderOutcome } from './renderOne.js';
import { WORKER_URL } from './workerUrl.js';
import { withDefaultOptimizationBudget } from '../startup/optimizationBudget.js';
import { flushCaches, keepAdditions } from '../cache/diskCache.js';
import type { WorkerOutcome } from './worker.js';

export interface DispatchOptions {
  /** Worker threads to use at most. */
  jobs: number;
  /**
   * Checked before each ficha starts, with the outcome just handed back (not yet given to onDone):
   * true stops dispatching (Ctrl-C, --fail-fast).
   */
  stopped: (last?: RenderOutcome) => boolean;
  /** V8's budget in force (set by the command's entry), set back after a batch run in this thread. */
  interruptBudget?: number;
}

const WORKER = WORKER_URL;
const MIN_FILES_PER_WORKER = 8;

/**
 * Each worker's heap is bounded: without a bound V8 lets it grow to several hundred MB before
 * collecting. What a worker keeps between fichas is small (fonts, templates, chart views, caches
 * with limits), so 160 MB costs no speed; a 187-page ficha at the list limits (200 components, 200
 * indicators, 200 recommendations, long texts) renders within 128 MB. A 1,000-ficha batch with two
 * workers peaks under 500 MB for the whole process.
 */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 160 };

/** How many workers a batch of `files` gets: a worker costs about a second to start. */
export function workersFor(files: number, jobs: number): number {
  return files >= MIN_FILES_PER_WORKER * 2 ? Math.min(jobs, Math.floor(files / MIN_FILES_PER_WORKER)) : 1;
}

/**
 * Renders jobs in order, `workersFor` at a time, reporting each as it ends; one failure never stops
 * the rest. A stop lets the fichas in flight finish and starts no new one. Each worker thread keeps
 * its fonts, templates and chart specs warm across the files it renders.
 */
export async function dispatch(jobs: RenderJob[], opts: DispatchOptions, onDone: (o: RenderOutcome) => void): Promise<void> {
  const queue = [...jobs];
  const parallel = workersFor(jobs.length, opts.jobs);
  if (parallel <= 1) {
    // The renderer loads only when this thread renders: a batch with workers never loads it here
    // (built, it is a bundle of its own, dist/cjs/renderer.cjs, compiled with V8's code cache). It
    // loads before V8's budget changes below: its code cache is made at exit, under the command's
    // budget, and V8 rejects a cache loaded under other flags (every such batch compiled it anew).
    const { commandModule } = await import('../startup/compiled.js');
    const { renderOne } = await commandModule('renderer', () => import('./renderer.js'));
    const renderHere = async () => {
      while (queue.length && !opts.stopped()) onDone(await renderOne(queue.shift()!));
    };
    // A whole batch in this thread (one job): V8's own optimization budget suits it best.
    return jobs.length >= MIN_FILES_PER_WORKER * 2 ? withDefaultOptimizationBudget(renderHere, opts.interruptBudget) : renderHere();
  }
  // Loaded only for a batch that uses workers: one ficha, or a few, render in this thread.
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: WORKER, minThreads: parallel, maxThreads: parallel, resourceLimits: WORKER_LIMITS });
  try {
    const start = (): Promise<RenderOutcome> | undefined => {
      const job = queue.shift();
      return job && (pool.run(job) as Promise<WorkerOutcome>).then(fromWorker, (err: Error): RenderOutcome => ({ file: job.file, ms: 0, diagnostics: [], crash: err.stack ?? String(err) }));
    };
    // A worker gets its next ficha as soon as it hands one back, before the main thread writes
    // that one's PDF: it never waits for the main thread.
    const runner = async () => {
      let running = opts.stopped() ? undefined : start();
      while (running) {
        const o = await running;
        running = opts.stopped(o) ? undefined : start();
        onDone(o);
      }
    };
    await Promise.all(Array.from({ length: parallel }, runner));
  } finally {
    // The workers stop (~100 ms: their heaps are freed) while this thread writes the caches.
    const stopped = pool.destroy();
    flushCaches();
    await stopped;
  }
}

/**
 * A worker's outcome as this thread uses it, once this thread keeps what the worker's caches added
 * (written with this thread's caches: at the batch's end, or as the server writes them).
 */
export function fromWorker({ cacheAdditions, ...o }: WorkerOutcome): RenderOutcome {
  keepAdditions(cacheAdditions);
  return o;
}
