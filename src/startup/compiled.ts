import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { cacheDir } from '../cache/cacheDir.js';
import * as stamped from '../cache/stamped.js';
import { readStamped, writeStamped } from '../cache/stamped.js';

/**
 * A command's module. The build (scripts/build.mjs) also writes the heavy commands as CommonJS
 * bundles next to the compiled CLI (dist/cjs/<name>.cjs): those are compiled with V8's code cache,
 * kept in the cache folder, which ES modules cannot use on Node 20. Compiling ~3 MB of JavaScript
 * was a fifth of a cold `render`. Run from the TypeScript sources (no build), `fallback` loads the
 * command's ES module as before.
 */
export async function commandModule<T>(name: string, fallback: () => Promise<T>): Promise<T> {
  const file = fileURLToPath(new URL(`./cjs/${name}.cjs`, import.meta.url));
  if (!existsSync(file)) return fallback();
  return loadCompiled(file) as T;
}

/** Code caches to write when the process ends: made after the command ran, they hold what it compiled. */
const pending = new Map<string, () => Buffer>();

/**
 * Runs a CommonJS file as Node would (a module wrapper, its own `require`) and returns its exports,
 * compiled with the code cache kept for this file's contents and this Node; a missing or rejected
 * cache is written at exit. The cache is only an optimisation: without a cache folder, or with a
 * file that fails its stamp, the module is compiled from its source. V8 does not check a code
 * cache's contents in release builds (flipped bytes crashed every later start), so the stamp's
 * checksum is checked before V8 sees a byte of it.
 */
export function loadCompiled(file: string, dir: string | undefined = cacheDir()): unknown {
  // The build escapes every non-ASCII character, and Node reads ASCII as Latin-1 faster than as
  // UTF-8 (~10 ms less for the 2.8 MB renderer); a file that is not ASCII is decoded as UTF-8.
  const bytes = readFileSync(file);
  let source = bytes.toString('latin1');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(source)) source = bytes.toString('utf8');
  const name = basename(file).replace(/\.c?js$/, '');
  // The bytes themselves, not the file's size and time: a same-size edit kept running the old code.
  const key = createHash('sha256').update(`${process.version} ${process.arch}\0`).update(bytes).digest('hex').slice(0, 32);
  const cacheFile = dir ? join(dir, 'v8', `${name}-${key}.bin`) : undefined;
  const cachedData = cacheFile ? readStamped(cacheFile) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFor(file), module, file, dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    if (pending.size === 0) process.once('exit', writeCodeCaches);
    pending.set(cacheFile, () => script.createCachedData());
  }
  return module.exports;
}

/**
 * Modules the bundles take from the code that loads them instead of carrying a copy (build.mjs:
 * sharedWithHost): what they hold is then one per process. The stamp module keeps whether a damaged
 * cache file was already reported, which the command and the renderer it loads both read.
 */
const SHARED: Record<string, unknown> = { 'ficha:cache/stamped': stamped };

function requireFor(file: string): NodeJS.Require {
  const node = createRequire(file);
  return Object.assign((id: string) => (Object.hasOwn(SHARED, id) ? SHARED[id] : node(id)), node);
}

/** Writes the code caches made in this process, replacing those of earlier builds (at exit, or now for a test). */
export function writeCodeCaches(): void {
  for (const [cacheFile, make] of pending) {
    const [folder, file] = [dirname(cacheFile), basename(cacheFile)];
    const name = file.replace(/-[0-9a-f]+\.bin$/, '');
    try {
      writeStamped(folder, file, make());
      for (const old of readdirSync(folder)) if (old !== file && old.startsWith(`${name}-`) && old.endsWith('.bin')) rmSync(join(folder, old), { force: true });
    } catch {
      // a full or read-only disk: the next start compiles again
    }
  }
  pending.clear();
}
