import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeAtomic } from '../output/write.js';
import { cacheDir } from './cacheDir.js';
import { jsonCodec, type Codec, type Stored } from './codecs.js';

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
  /** What the file held when this process first used the cache. */
  private stored?: Stored<V>;
  /** What this process added. */
  private readonly added = new Map<string, V>();
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
    const value = this.lookup(key);
    if (value !== undefined) this.touch(key);
    return value;
  }

  set(key: string, value: V): void {
    if (!this.file || readOnly) return;
    // In memory up to twice the file's size, so that what a long batch keeps stays bounded.
    if (this.load().size + this.added.size >= 2 * this.maxEntries) return;
    this.added.set(key, value);
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
    if (!this.dirty || !this.file) return;
    this.dirty = false;
    try {
      writeAtomic(dirname(this.file), basename(this.file), this.codec.encode(this.kept()), { private: true });
    } catch {
      // a full or read-only disk: the cache is simply not kept
    }
  };

  private lookup(key: string): V | undefined {
    return this.added.get(key) ?? this.load().get(key);
  }

  private touch(key: string): void {
    this.used.delete(key);
    this.used.add(key);
  }

  /** What the file keeps: the entries this process used, most recent first, then the others. */
  private kept(): Map<string, V> {
    const out = new Map<string, V>();
    const keep = (keys: Iterable<string>) => {
      for (const k of keys) {
        if (out.size >= this.maxEntries) return;
        if (out.has(k)) continue;
        const v = this.lookup(k);
        if (v !== undefined) out.set(k, v);
      }
    };
    keep([...this.used].reverse());
    keep(this.load().keys());
    keep(this.added.keys());
    return out;
  }

  private load(): Stored<V> {
    if (this.stored) return this.stored;
    this.stored = new Map();
    if (!this.file) return this.stored;
    try {
      this.stored = this.codec.decode(readFileSync(this.file));
    } catch {
      // not there yet, or damaged: start empty
    }
    return this.stored;
  }
}
