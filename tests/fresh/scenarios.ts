// What the tests run in a fresh thread (fresh/thread.ts): each function is a later process's work,
// with every module loaded anew. Results cross to the test as structured clones.
import Handlebars from 'handlebars';
import { compileCached } from '../../src/cache/handlebars.js';
import { DiskCache, flushCaches, forwardAdditions, keepAdditions, takeAdditions, type CacheAdditions } from '../../src/cache/diskCache.js';
import { fontCoverage } from '../../src/pdf/coverage.js';
import { shapingStats } from '../../src/pdf/shaping.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import type { RenderOptions } from '../../src/pipeline/stages.js';

/** Renders the inputs one after the other, writes the caches, and says how the words were shaped. */
export async function renderAll(inputs: { file: string; text: string }[], options?: RenderOptions): Promise<{ pdfs: Uint8Array[]; shaped: number; fromCache: number }> {
  const pdfs: Uint8Array[] = [];
  for (const { file, text } of inputs) pdfs.push((await renderFicha(file, text, options)).pdf!);
  flushCaches();
  return { pdfs, shaped: shapingStats.shaped, fromCache: shapingStats.fromCache };
}

/** Which of the first `count` code points the font at `path` can draw (1 or 0 each), caches written. */
export function coverage(path: string, count: number): Uint8Array {
  const covers = fontCoverage(path);
  const out = new Uint8Array(count);
  for (let cp = 0; cp < count; cp++) out[cp] = covers(cp) ? 1 : 0;
  flushCaches();
  return out;
}

/** A template compiled through the cache and used: its output, how often Handlebars compiled, and the errors it gives. */
export function handlebars(source: string, options: CompileOptions, context: object, lacking: object, broken: string) {
  let precompiled = 0;
  const precompile = Handlebars.precompile.bind(Handlebars);
  Handlebars.precompile = (...args: Parameters<typeof precompile>) => (precompiled++, precompile(...args));
  const template = compileCached(Handlebars, source, options);
  const errorOf = (fn: () => unknown) => {
    try {
      fn();
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const result = {
    out: template(context),
    lackingError: errorOf(() => template(lacking)),
    brokenError: errorOf(() => compileCached(Handlebars, broken, options)({})),
    precompiled,
  };
  flushCaches();
  return result;
}

/** A batch worker's caches: read `name` in `dir`, add `entries`, and hand them on instead of writing. */
export function workerAdds(dir: string, name: string, size: number, entries: [string, number][]): { read: Record<string, number | undefined>; added: CacheAdditions[] | undefined; again: CacheAdditions[] | undefined } {
  forwardAdditions();
  const cache = new DiskCache<number>(name, size, dir);
  const read = Object.fromEntries(['a', 'b'].map((k) => [k, cache.get(k)]));
  for (const [k, v] of entries) cache.set(k, v);
  cache.flush();
  flushCaches();
  return { read, added: takeAdditions(), again: takeAdditions() };
}

/** The batch's main thread keeping what a worker added, and writing it. */
export function mainKeeps(added: CacheAdditions[]): void {
  keepAdditions(added);
  flushCaches();
}
