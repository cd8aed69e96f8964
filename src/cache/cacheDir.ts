import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the cache folder is, whether or not it can be used (empty: caches are off). */
export function cacheDirPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.FICHA_CACHE_DIR ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ficha');
}

/**
 * Where ficha keeps what it can compute again but would rather not at every start (compiled
 * templates and chart specs, shaped words): FICHA_CACHE_DIR, else $XDG_CACHE_HOME/ficha, else
 * ~/.cache/ficha. FICHA_CACHE_DIR set to an empty string turns every cache off.
 *
 * Cached templates are code that ficha runs, so a folder that someone else could write to is not
 * used: it must be a real folder (not a link), owned by this user and writable by nobody else.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = cacheDirPath(env);
  if (!dir) return undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    const uid = process.getuid?.();
    if (!st.isDirectory()) return undefined;
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    // a read-only home or an unwritable folder: no cache
    return undefined;
  }
}
