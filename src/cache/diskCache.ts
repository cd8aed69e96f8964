import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeAtomic } from '../output/write.js';
import { cacheDir } from './cacheDir.js';
import { jsonCodec, type Codec } from './codecs.js';

const open = new Set<DiskCache<unknown>>();
let readOnly = false;

/**
 * From now on caches are read, never written (a batch's workers): a year of fichas would only churn
 * the files, and each worker would hold in memory all it added (~30 MB).
 */
export function readCachesOnly(): void {
  readOnly = true;
}

/** Writes every cache's pending entries now (the end of a batch, a test, the process's exit). */
export function flushCaches(): void {
  for (const c of open) c.flush();
}

// One exit hook for all caches (one per cache would trip Node's listener-leak warning with many fonts).
let exitHook = false;
function flushAtExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', flushCaches);
}

/**
 * A map kept in one file of the cache folder (JSON, or another codec), loaded on first use. New
 * entries are written two seconds after the first of them (so at most every two seconds during a
 * batch) and when the process exits, atomically: a reader never sees half a file, and two
 * processes writing at once lose entries, never correctness. A file that cannot be read or parsed
 * is an empty cache. The file keeps at most `maxEntries`, those this process used last first: the
 * ficha a person renders again and again finds all its entries there, however many other fichas
 * a batch rendered before.
 */
export class DiskCache<V> {
  private entries?: Map<string, V>;
  /** Keys read or written by this process, least recent first. */
  private readonly used = new Set<string>();
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private readonly file?: string;

  constructor(
    /** Part of the file name: a new format or version is a new file. */
    name: string,
    private readonly maxEntries = 100_000,
    /** The folder; by default the cache folder. `null`: keep nothing. */
    dir: string | null | undefined = cacheDir(),
    private readonly codec: Codec<V> = jsonCodec as Codec<V>,
  ) {
    this.file = dir ? join(dir, `${name}.${codec.extension}`) : undefined;
    open.add(this as DiskCache<unknown>);
  }

  get(key: string): V | undefined {
    const value = this.load().get(key);
    if (value !== undefined) this.touch(key);
    return value;
  }

  set(key: string, value: V): void {
    if (!this.file || readOnly) return;
    const entries = this.load();
    // In memory up to twice the file's size, so that what a long batch keeps stays bounded.
    if (entries.size >= 2 * this.maxEntries) return;
    entries.set(key, value);
    this.touch(key);
    if (!this.dirty) {
      this.dirty = true;
      flushAtExit();
      this.timer = setTimeout(this.flush, 2000);
      this.timer.unref();
    }
  }

  /** Writes pending entries now. */
  readonly flush = (): void => {
    clearTimeout(this.timer);
    if (!this.dirty || !this.file || !this.entries) return;
    this.dirty = false;
    try {
      writeAtomic(dirname(this.file), basename(this.file), this.codec.encode(this.kept()), { private: true });
    } catch {
      // a full or read-only disk: the cache is simply not kept
    }
  };

  private touch(key: string): void {
    this.used.delete(key);
    this.used.add(key);
  }

  /** What the file keeps: the entries this process used, most recent first, then the others. */
  private kept(): Map<string, V> {
    const all = this.entries!;
    if (all.size <= this.maxEntries) return all;
    const out = new Map<string, V>();
    for (const k of [...this.used].reverse()) {
      if (out.size >= this.maxEntries) return out;
      out.set(k, all.get(k)!);
    }
    for (const [k, v] of all) {
      if (out.size >= this.maxEntries) break;
      if (!out.has(k)) out.set(k, v);
    }
    return out;
  }

  private load(): Map<string, V> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    if (!this.file) return this.entries;
    try {
      this.entries = this.codec.decode(readFileSync(this.file));
    } catch {
      // not there yet, or damaged: start empty
    }
    return this.entries;
  }
}
