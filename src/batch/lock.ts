import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Another run holds the folder's lock. */
export class FolderBusy extends Error {
  constructor(readonly holder: string) {
    super(`otra ejecución está escribiendo en esta carpeta (${holder})`);
  }
}

const LOCK = '.ficha.lock';

interface Holder {
  pid: number;
  host: string;
  desde: string;
}

/** Whether the run that wrote a lock can still be running (on another host: assume it can). */
function alive(h: Holder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The output folder's lock, held while a batch writes PDFs and the manifest: two runs into one
 * folder at once (two shards) each read the manifest, and the last to write it dropped the other's
 * rows. A lock left by a run that died (its process is gone) is taken over. `wait`: poll until it is
 * free instead of throwing FolderBusy. Returns the release.
 */
export async function lockFolder(dir: string, wait: boolean, pollMs = 200): Promise<() => void> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK);
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), desde: new Date().toISOString() } satisfies Holder));
      closeSync(fd);
      return () => {
        try {
          rmSync(path, { force: true });
        } catch {
          // the folder itself is gone or unwritable: nothing is left to release
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: Holder | undefined;
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    } catch {
      // Being written this instant, or damaged: look again.
    }
    if (holder && !alive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (!wait) throw new FolderBusy(holder ? `proceso ${holder.pid} en ${holder.host}, desde ${holder.desde}` : path);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
