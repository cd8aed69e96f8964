import { Tinypool } from 'tinypool';
import cliProgress from 'cli-progress';
import { renderOne, type RenderJob, type RenderOutcome } from './renderOne.js';

export interface BatchOptions {
  jobs: number;
  progress: boolean;
}

const WORKER = new URL('./worker.js', import.meta.url).href;
const MIN_FILES_PER_WORKER = 8;

/**
 * Renders every job, reporting each one as it ends; one failure never stops the rest. With more
 * than one job and file, fichas render in parallel worker threads (each keeps its own font and
 * chart caches warm across the files it renders).
 */
export async function runBatch(jobs: RenderJob[], opts: BatchOptions, onDone: (o: RenderOutcome) => void): Promise<RenderOutcome[]> {
  const bar = opts.progress ? new cliProgress.SingleBar({ format: 'Fichas {bar} {value}/{total} · {eta_formatted} restante · {archivo}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(jobs.length, 0, { archivo: '' });
  const done = (o: RenderOutcome) => {
    if (bar) {
      bar.increment(1, { archivo: o.file });
      // Lines printed while the bar is drawn must not be overwritten by it.
      process.stderr.write('\r\x1b[K');
    }
    onDone(o);
    bar?.render();
  };
  const outcomes: RenderOutcome[] = [];
  try {
    // A worker costs about a second to start (loading the code, fonts and chart specs): below a
    // few fichas per worker, rendering in this process is faster.
    const parallel = jobs.length >= MIN_FILES_PER_WORKER * 2 ? Math.min(opts.jobs, Math.floor(jobs.length / MIN_FILES_PER_WORKER)) : 1;
    if (parallel <= 1) {
      for (const job of jobs) {
        const o = await renderOne(job);
        outcomes.push(o);
        done(o);
      }
      return outcomes;
    }
    const pool = new Tinypool({ filename: WORKER, minThreads: parallel, maxThreads: parallel });
    try {
      await Promise.all(
        jobs.map(async (job) => {
          const o = await pool.run(job).catch(
            (err: Error): RenderOutcome => ({ file: job.file, ms: 0, diagnostics: [], crash: err.stack ?? String(err) }),
          );
          outcomes.push(o);
          done(o);
        }),
      );
    } finally {
      await pool.destroy();
    }
    return outcomes;
  } finally {
    bar?.stop();
  }
}
