/**
 * The batch worker's entry: src/batch/worker.js (which loads the TypeScript through tsx) when
 * running from src/, dist/worker.js when bundled (the chunk holding this module sits in dist/).
 */
export const WORKER_URL = new URL('./worker.js', import.meta.url).href;
