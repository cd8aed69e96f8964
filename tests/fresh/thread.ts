import { Worker } from 'node:worker_threads';

export interface FreshOptions {
  /** Environment of the thread's process.env (FICHA_CACHE_DIR...), over this one's. */
  env?: Record<string, string>;
  /** Modules swapped for others in that thread: URL of the module -> URL of its stand-in. */
  replace?: Record<string, string>;
}

/**
 * Runs `fn` of the scenario module `module` in a new thread: every module loaded afresh (fonts
 * opened again, caches empty in memory), as a later process of the command has them, with no test
 * runner trick. Resolves to what it returns (structured-cloned: a Buffer comes back a Uint8Array).
 */
export function inFreshThread<T>(module: URL, fn: string, args: unknown[] = [], options: FreshOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./thread.worker.mjs', import.meta.url), {
      workerData: { module: module.href, fn, args, replace: options.replace },
      env: { ...process.env, ...options.env },
    });
    let result: { value: T } | undefined;
    worker.once('message', (value: T) => (result = { value }));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result.value) : reject(new Error(`the thread ended (${code}) without a result`))));
  });
}
