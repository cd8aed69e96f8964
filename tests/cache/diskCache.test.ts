import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir } from '../../src/cache/cacheDir.js';
import { DiskCache, diskCacheStats, type CacheAdditions } from '../../src/cache/diskCache.js';
import { inFreshThread } from '../fresh/thread.js';
import { readStamped } from '../../src/cache/stamped.js';

/** A cache file's JSON, through its stamp (stamped.ts). */
const stored = (file: string) => JSON.parse(readStamped(file)!.toString('utf8')) as Record<string, unknown>;

const fresh = () => mkdtempSync(join(tmpdir(), 'ficha-cache-test-'));

describe('the cache folder', () => {
  it('is FICHA_CACHE_DIR, else $XDG_CACHE_HOME/ficha, created private', () => {
    const base = fresh();
    const dir = cacheDir({ FICHA_CACHE_DIR: join(base, 'c') });
    expect(dir).toBe(join(base, 'c'));
    expect(statSync(dir!).mode & 0o777).toBe(0o700);
    expect(cacheDir({ XDG_CACHE_HOME: base })).toBe(join(base, 'ficha'));
  });
  it('is off when FICHA_CACHE_DIR is empty', () => {
    expect(cacheDir({ FICHA_CACHE_DIR: '' })).toBeUndefined();
  });
  it('is not used when others could write to it, or when it is a link', () => {
    const base = fresh();
    const open = join(base, 'abierta');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(cacheDir({ FICHA_CACHE_DIR: open })).toBeUndefined();
    const target = join(base, 'destino');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, join(base, 'enlace'));
    expect(cacheDir({ FICHA_CACHE_DIR: join(base, 'enlace') })).toBeUndefined();
    writeFileSync(join(base, 'archivo'), 'x');
    expect(cacheDir({ FICHA_CACHE_DIR: join(base, 'archivo') })).toBeUndefined();
  });
});

describe('DiskCache', () => {
  it('keeps entries across instances (processes) once flushed, in a file only its owner reads', () => {
    const dir = fresh();
    const a = new DiskCache<number[]>('prueba', 100, dir);
    expect(a.get('hola')).toBeUndefined();
    a.set('hola', [1, 2.5, -3]);
    a.flush();
    expect(statSync(join(dir, 'prueba.json')).mode & 0o777).toBe(0o600);
    expect(new DiskCache<number[]>('prueba', 100, dir).get('hola')).toEqual([1, 2.5, -3]);
  });
  it('reads a damaged file as empty, and replaces it', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'roto.json'), '{ "a": [1, 2');
    const c = new DiskCache<number>('roto', 100, dir);
    expect(c.get('a')).toBeUndefined();
    c.set('b', 2);
    c.flush();
    expect(stored(join(dir, 'roto.json'))).toEqual({ b: 2 });
  });
  it('keeps in its file the entries used last, up to its size', () => {
    const dir = fresh();
    const first = new DiskCache<number>('lleno', 3, dir);
    for (const k of ['a', 'b', 'c']) first.set(k, 1);
    first.flush();
    // a later process uses c, adds d and e: the file keeps e, d, c
    const later = new DiskCache<number>('lleno', 3, dir);
    expect(later.get('c')).toBe(1);
    later.set('d', 2);
    later.set('e', 3);
    later.flush();
    const read = new DiskCache<number>('lleno', 3, dir);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => read.get(k))).toEqual([undefined, undefined, 1, 2, 3]);
  });
  it('keeps the entries used last in a first file, the others in a second one read only on a miss', () => {
    const dir = fresh();
    const first = new DiskCache<number>('dos-archivos', 4, dir, undefined, 2);
    for (const k of ['a', 'b', 'c', 'd', 'e']) first.set(k, k.charCodeAt(0));
    first.flush();
    expect(stored(join(dir, 'dos-archivos.json'))).toEqual({ e: 101, d: 100 });
    expect(stored(join(dir, 'dos-archivos-mas.json'))).toEqual({ c: 99, b: 98 });
    // A later process that finds what it looks for in the first file reads only that one.
    const before = diskCacheStats.filesRead;
    const hot = new DiskCache<number>('dos-archivos', 4, dir, undefined, 2);
    expect([hot.get('e'), hot.get('d')]).toEqual([101, 100]);
    expect(diskCacheStats.filesRead - before).toBe(1);
    // A miss reads the second file once.
    expect([hot.get('b'), hot.get('a'), hot.get('z')]).toEqual([98, undefined, undefined]);
    expect(diskCacheStats.filesRead - before).toBe(2);
    // Writing again keeps the most recently used first: b, then d and e.
    hot.set('f', 102);
    hot.flush();
    expect(stored(join(dir, 'dos-archivos.json'))).toEqual({ f: 102, b: 98 });
    expect(stored(join(dir, 'dos-archivos-mas.json'))).toEqual({ d: 100, e: 101 });
  });

  it('the first file takes what a process used and added up to twice its share, the second untouched; past that, both are written', () => {
    const dir = fresh();
    const json = (name: string) => stored(join(dir, name)) as Record<string, number>;
    const first = new DiskCache<number>('crece', 8, dir, undefined, 3);
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) first.set(k, k.charCodeAt(0));
    first.flush();
    expect([Object.keys(json('crece.json')), Object.keys(json('crece-mas.json'))]).toEqual([['h', 'g', 'f'], ['e', 'd', 'c', 'b', 'a']]);
    // One ficha again, with a word from the second file and a new one: only the first is written.
    const again = new DiskCache<number>('crece', 8, dir, undefined, 3);
    expect(again.get('a')).toBe(97);
    again.set('i', 105);
    again.flush();
    expect(Object.keys(json('crece.json'))).toEqual(['i', 'a', 'h', 'g', 'f']);
    expect(Object.keys(json('crece-mas.json'))).toEqual(['e', 'd', 'c', 'b', 'a']);
    // Twice its share reached: both are written again, split as usual.
    const third = new DiskCache<number>('crece', 8, dir, undefined, 3);
    third.set('j', 106);
    third.flush();
    expect([Object.keys(json('crece.json')), Object.keys(json('crece-mas.json'))]).toEqual([['j', 'i', 'a'], ['h', 'g', 'f', 'e', 'd']]);
    const read = new DiskCache<number>('crece', 8, dir, undefined, 3);
    expect(['c', 'd', 'a', 'j'].map((k) => read.get(k))).toEqual([undefined, 100, 97, 106]);
  });
  it('without a folder keeps nothing and fails nowhere', () => {
    const c = new DiskCache<number>('nada', 3, null);
    c.set('a', 1);
    c.flush();
    expect(c.get('a')).toBeUndefined();
  });
});

describe('forwarding caches (a batch worker and its main thread)', () => {
  // Each side in a thread of its own, as in a batch: a worker's module forwards, the main thread's writes.
  const SCENARIOS = new URL('../fresh/scenarios.ts', import.meta.url);
  it('a worker reads the files, writes none, and hands what it adds to the main thread, which writes it', async () => {
    const dir = fresh();
    const before = new DiskCache<number>('reenvio', 10, dir);
    before.set('a', 1);
    before.flush();
    type Worker = { read: Record<string, number | undefined>; added: CacheAdditions[] | undefined; again: CacheAdditions[] | undefined };
    const worker = await inFreshThread<Worker>(SCENARIOS, 'workerAdds', [dir, 'reenvio', 10, [['b', 2], ['c', 3]]]);
    expect(worker.read).toEqual({ a: 1, b: undefined });
    expect(stored(join(dir, 'reenvio.json'))).toEqual({ a: 1 });
    expect(worker.added).toEqual([{ name: 'reenvio', dir, extension: 'json', maxEntries: 10, hotEntries: 10, entries: [['b', 2], ['c', 3]] }]);
    expect(worker.again).toBeUndefined();
    await inFreshThread(SCENARIOS, 'mainKeeps', [worker.added]);
    expect(stored(join(dir, 'reenvio.json'))).toEqual({ b: 2, c: 3, a: 1 });
  });

  it('what a worker keeps aside is bounded by the cache size', async () => {
    const entries = Array.from({ length: 10 }, (_, i) => [`k${i}`, i]);
    const worker = await inFreshThread<{ added: CacheAdditions[] }>(SCENARIOS, 'workerAdds', [fresh(), 'reenvio-limite', 3, entries]);
    expect(worker.added[0]!.entries.map(([k]) => k)).toEqual(['k0', 'k1', 'k2']);
  });
});

describe('flushing at exit', () => {
  it('one exit hook for all caches, however many have pending entries', () => {
    const dir = fresh();
    const before = process.listenerCount('exit');
    for (let i = 0; i < 12; i++) new DiskCache<number>(`muchas-${i}`, 10, dir).set('a', i);
    expect(process.listenerCount('exit') - before).toBeLessThanOrEqual(1);
  });
});
