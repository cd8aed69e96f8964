import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheDir } from './cacheDir.js';
import { jsonCodec, numbersCodec, type Codec, type Stored } from './codecs.js';
import { discard, readStamped, writeStamped } from './stamped.js';

/** The caches of this process. */
const open = new Set<DiskCache<unknown>>();
/** This process hands what its caches add to another (a batch worker), instead of writing files. */
let forwarding = false;

/** What a batch worker's caches added while rendering, for the main thread to keep. */
export interface CacheAdditions {
  name: string;
  dir: string;
  extension: string;
  maxEntries: number;
  hotEntries: number;
  entries: [key: string, value: unknown][];
}

/**
 * From now on caches read their files but never write them (a batch's workers: two threads writing
 * the same files would lose each other's entries, and each worker would hold in memory all it
 * added, ~30 MB). What they add is kept aside, at most a cache's size, until `takeAdditions`; the
 * batch's main thread hands it to `keepAdditions`, so a batch fills the cache folder as rendering
 * in one thread does, and the next batch shapes and measures only the words it has not seen.
 */
export function forwardAdditions(): void {
  forwarding = true;
}

/** What the caches added since the last call (none: undefined), to hand to `keepAdditions`. */
export function takeAdditions(): CacheAdditions[] | undefined {
  const out: CacheAdditions[] = [];
  for (const c of open) {
    const a = c.takeAdded();
    if (a) out.push(a);
  }
  return out.length ? out : undefined;
}

/**
 * Keeps what another thread's caches added (a batch worker's `takeAdditions`) in this process's
 * caches of the same files, written with them (`flushCaches`, or at exit): not every two seconds,
 * as for this process's own entries, since the batch's main thread has better things to do.
 */
export function keepAdditions(list: CacheAdditions[] | undefined): void {
  for (const a of list ?? []) {
    const codec = CODECS.find((c) => c.extension === a.extension);
    if (!codec) continue;
    const file = join(a.dir, `${a.name}.${a.extension}`);
    const cache = [...open].find((c) => c.file === file) ?? new DiskCache(a.name, a.maxEntries, a.dir, codec, a.hotEntries);
    cache.keep(a.entries);
  }
}
const CODECS = [jsonCodec, numbersCodec] as unknown as Codec<unknown>[];

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

/** The files of the cache `name`: the first, and the second (`<name>-mas`) that entries past `hotEntries` go to. */
function cacheFiles(dir: string, name: string, codec: Pick<Codec<unknown>, 'extension'>): [string, string] {
  return [join(dir, `${name}.${codec.extension}`), join(dir, `${name}-mas.${codec.extension}`)];
}

/**
 * A map kept in one file of the cache folder (JSON, or another codec), loaded on first use. New
 * entries are written two seconds after the first of them (so at most every two seconds during a
 * batch) and when the process exits, atomically and stamped (stamped.ts): a reader never sees
 * half a file, two processes writing at once lose entries, never correctness, and a file that
 * another build wrote, or that is damaged, is an empty cache. The file keeps at most `maxEntries`, those this process used last first: the
 * ficha a person renders again and again finds all its entries there, however many other fichas
 * a batch rendered before.
 */
export class DiskCache<V> {
  /** What the file held when this process first used the cache. */
  private stored?: Stored<V>;
  /** What the second file (entries past `hotEntries`) held, once a key was not in the first. */
  private storedMore?: Stored<V>;
  /** What this process added. */
  private readonly added = new Map<string, V>();
  /** Keys read or written by this process, least recent first. */
  private readonly used = new Set<string>();
  private dirty = false;
  private timer?: NodeJS.Timeout;
  /** Where it is kept (none: it keeps nothing). */
  readonly file?: string;
  private readonly moreFile?: string;
  /** Entries added while forwarding, not yet taken. */
  private forward: [string, V][] = [];

  constructor(
    /** Part of the file name: a new format or version is a new file. */
    private readonly name: string,
    private readonly maxEntries = 100_000,
    /** The folder; by default the cache folder. `null`: keep nothing. */
    private readonly dir: string | null | undefined = cacheDir(),
    private readonly codec: Codec<V> = jsonCodec as Codec<V>,
    /**
     * How many of the entries the first file keeps (the most recently used); the others go to a
     * second file (`<name>-mas`), read only when a key is not in the first. A ficha rendered again
     * finds its words in the first file, and a process that renders one ficha reads only that;
     * a batch, which soon looks up a word that is not there, reads both.
     */
    private readonly hotEntries = maxEntries,
  ) {
    const [file, more] = dir ? cacheFiles(dir, name, codec) : [];
    this.file = file;
    this.moreFile = hotEntries < maxEntries ? more : undefined;
    open.add(this as DiskCache<unknown>);
  }

  /** Deletes the files of the cache `name` (an older version no process reads any more), if any. */
  static remove(name: string, codec: Pick<Codec<unknown>, 'extension'>, dir: string | null | undefined = cacheDir()): void {
    if (dir) for (const f of cacheFiles(dir, name, codec)) rmSync(f, { force: true });
  }

  get(key: string): V | undefined {
    const value = this.lookup(key);
    if (value !== undefined) this.touch(key);
    return value;
  }

  set(key: string, value: V): void {
    if (!this.file) return;
    if (forwarding) {
      if (this.forward.length < this.maxEntries) this.forward.push([key, value]);
      return;
    }
    if (this.add(key, value) && !this.timer) {
      this.timer = setTimeout(this.flush, 2000);
      this.timer.unref();
    }
  }

  /** Entries another thread added (`keepAdditions`): written at the next flush, or at exit. */
  keep(entries: [string, V][]): void {
    if (!this.file) return;
    for (const [k, v] of entries) this.add(k, v);
  }

  /** What was added while forwarding, since the last call. */
  takeAdded(): CacheAdditions | undefined {
    if (!this.forward.length || !this.dir) return undefined;
    const entries = this.forward;
    this.forward = [];
    return { name: this.name, dir: this.dir, extension: this.codec.extension, maxEntries: this.maxEntries, hotEntries: this.hotEntries, entries };
  }

  /** Adds an entry to be written; false when memory already holds as many as it may. */
  private add(key: string, value: V): boolean {
    // In memory up to twice the file's size, so that what a long batch keeps stays bounded.
    if (this.load().size + this.added.size >= 2 * this.maxEntries) return false;
    this.added.set(key, value);
    this.touch(key);
    if (!this.dirty) {
      this.dirty = true;
      flushAtExit();
    }
    return true;
  }

  /** Writes pending entries now. */
  readonly flush = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || !this.file) return;
    this.dirty = false;
    try {
      // The entries this process used, most recent first, then the first file's others.
      const kept = new Map<string, V>();
      this.keepInto(kept, [...this.used].reverse());
      this.keepInto(kept, this.load().keys());
      // The first file may grow to twice its share before the second is written again: rendering
      // one ficha again with a few new words rewrote both, ~140 ms at the exit of that render for
      // a few words; the second file keeps what it held.
      if (this.moreFile && kept.size < Math.min(2 * this.hotEntries, this.maxEntries)) {
        writeStamped(dirname(this.file), basename(this.file), this.codec.encode(kept));
        return;
      }
      this.keepInto(kept, this.loadMore().keys());
      const [hot, more] = [new Map<string, V>(), new Map<string, V>()];
      for (const [k, v] of kept) (hot.size < this.hotEntries ? hot : more).set(k, v);
      writeStamped(dirname(this.file), basename(this.file), this.codec.encode(hot));
      if (this.moreFile) writeStamped(dirname(this.moreFile), basename(this.moreFile), this.codec.encode(more));
    } catch {
      // a full or read-only disk: the cache is simply not kept
    }
  };

  private lookup(key: string): V | undefined {
    return this.added.get(key) ?? this.load().get(key) ?? this.loadMore().get(key);
  }

  private touch(key: string): void {
    this.used.delete(key);
    this.used.add(key);
  }

  /**
   * Adds to `out` the entries of `keys` it lacks, up to what the files keep. A key this process
   * used is in memory or in a file already read (every added key is also used), so this reads the
   * second file only for its own keys.
   */
  private keepInto(out: Map<string, V>, keys: Iterable<string>): void {
    for (const k of keys) {
      if (out.size >= this.maxEntries) return;
      if (out.has(k)) continue;
      const v = this.lookup(k);
      if (v !== undefined) out.set(k, v);
    }
  }

  private load(): Stored<V> {
    return (this.stored ??= this.read(this.file));
  }

  private loadMore(): Stored<V> {
    return (this.storedMore ??= this.read(this.moreFile));
  }

  /** A file's entries; none when it is not there or not trusted (stamped.ts), which starts it anew. */
  private read(file: string | undefined): Stored<V> {
    const contents = file && readStamped(file);
    if (!file || !contents) return new Map();
    try {
      const stored = this.codec.decode(contents);
      diskCacheStats.filesRead++;
      return stored;
    } catch {
      // Stamped by this build yet unreadable: a fault of the codec, never trusted either.
      discard(file, 'danado');
      return new Map();
    }
  }
}

/** Cache files read by this process (for tests). */
export const diskCacheStats = { filesRead: 0 };
