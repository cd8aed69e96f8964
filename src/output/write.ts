import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes atomically: a temp file in the same folder, then a rename, so no half-written file is ever
 * seen. `private`: the folder (if created) and the file are for this user only (the cache folder).
 */
export function writeAtomic(dir: string, name: string, bytes: Uint8Array | string, opts: { private?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true, ...(opts.private ? { mode: 0o700 } : {}) });
  const target = join(dir, name);
  const tmp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(tmp, bytes, opts.private ? { mode: 0o600 } : {});
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return target;
}
