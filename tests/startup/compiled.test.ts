import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStamp } from '../../src/cache/stamped.js';
import { loadCompiled, writeCodeCaches } from '../../src/startup/compiled.js';
import { BIN } from '../cli/bin.js';

const bundle = (dir: string, name: string, body: string) => {
  const file = join(dir, `${name}.cjs`);
  writeFileSync(file, `'use strict';\nconst path = require('node:path');\n${body}`);
  return file;
};
const caches = (dir: string) => (existsSync(join(dir, 'v8')) ? readdirSync(join(dir, 'v8')).sort() : []);

/** 16 inputs (enough for a batch to use workers), a cache and an output folder, and `ficha render` over them. */
function batchOf16() {
  const cache = mkdtempSync(join(tmpdir(), 'ficha-cache-'));
  const out = mkdtempSync(join(tmpdir(), 'ficha-out-'));
  const inputs = mkdtempSync(join(tmpdir(), 'ficha-in-'));
  const example = readFileSync(resolve(import.meta.dirname, '../fixtures/promocion-talentos-2024.yaml'), 'utf8');
  for (let i = 0; i < 16; i++) writeFileSync(join(inputs, `p${i}.yaml`), example.replace(/^  id: (.*)$/m, `  id: $1-${i}`));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'render', ...args, '--out', out, '--quiet', '--no-charts'], { encoding: 'utf8', env: { ...process.env, FICHA_CACHE_DIR: cache } });
    expect(r.status, r.stderr).toBe(0);
  };
  return { cache, out, inputs, run };
}

describe('commands compiled with V8 code cache', () => {
  it('runs a CommonJS bundle as Node would, and keeps its code cache for the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-v8-'));
    const file = bundle(dir, 'orden', 'module.exports = { base: path.basename(__filename), dir: __dirname, double: (n) => 2 * n, strict: (function () { return this === undefined; })() };');
    const first = loadCompiled(file, dir) as { base: string; dir: string; double(n: number): number; strict: boolean };
    expect(first).toMatchObject({ base: 'orden.cjs', dir, strict: true });
    expect(first.double(21)).toBe(42);
    expect(caches(dir)).toEqual([]);
    writeCodeCaches();
    const [cache] = caches(dir);
    expect(cache).toMatch(/^orden-[0-9a-f]{32}\.bin$/);
    const written = statSync(join(dir, 'v8', cache!)).mtimeMs;
    // Accepted by V8: nothing to write again.
    expect((loadCompiled(file, dir) as { double(n: number): number }).double(4)).toBe(8);
    writeCodeCaches();
    expect(caches(dir)).toEqual([cache]);
    expect(statSync(join(dir, 'v8', cache!)).mtimeMs).toBe(written);
  });

  it('reads a bundle that is not ASCII as UTF-8 (the build writes ASCII, read faster as Latin-1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-v8-'));
    const file = bundle(dir, 'acentos', "module.exports = 'Año, región y €';");
    expect(loadCompiled(file, dir)).toBe('Año, región y €');
    const ascii = bundle(dir, 'ascii', "module.exports = 'A\\u00f1o';");
    expect(loadCompiled(ascii, dir)).toBe('Año');
  });

  it('a damaged cache is never handed to V8: compiled from source and replaced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-v8-'));
    const file = bundle(dir, 'orden', 'module.exports = { n: 1, f: (x) => x * 3 };');
    loadCompiled(file, dir);
    writeCodeCaches();
    const [cache] = caches(dir);
    const path = join(dir, 'v8', cache!);
    const good = readFileSync(path);
    // Flipped bytes past the stamp (V8's own data) and a truncation: V8 release builds do not check
    // a code cache's contents, so either could crash the process if it reached V8.
    for (const damage of [(b: Buffer) => b.map((x, i) => (i > 144 && i % 7 === 0 ? x ^ 0xff : x)), (b: Buffer) => b.subarray(0, b.length >> 1)]) {
      writeFileSync(path, damage(Buffer.from(good)));
      const loaded = loadCompiled(file, dir) as { n: number; f(x: number): number };
      expect(loaded.n).toBe(1);
      expect(loaded.f(5)).toBe(15);
      writeCodeCaches();
      expect(caches(dir)).toEqual([cache]);
      expect(checkStamp(readFileSync(path))).toHaveProperty('contents');
    }
  });

  it('a bundle edited without changing its size or time runs its new code, with a cache of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-v8-'));
    const file = bundle(dir, 'orden', 'module.exports = 1;');
    utimesSync(file, 1e9, 1e9);
    loadCompiled(file, dir);
    writeCodeCaches();
    const [cache] = caches(dir);
    bundle(dir, 'orden', 'module.exports = 3;');
    utimesSync(file, 1e9, 1e9);
    expect(loadCompiled(file, dir)).toBe(3);
    writeCodeCaches();
    // The old build's cache goes; the new one has its own name.
    expect(caches(dir)).toHaveLength(1);
    expect(caches(dir)[0]).not.toBe(cache);
  });

  it('ficha render: the first start writes the cache, the next reads it, the PDF is the same', () => {
    const cache = mkdtempSync(join(tmpdir(), 'ficha-cache-'));
    const out = mkdtempSync(join(tmpdir(), 'ficha-out-'));
    const example = resolve(import.meta.dirname, '../fixtures/promocion-talentos-2024.yaml');
    const render = () => {
      const r = spawnSync(process.execPath, [BIN, 'render', example, '--out', out, '--quiet'], { encoding: 'utf8', env: { ...process.env, FICHA_CACHE_DIR: cache } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, 'promocion-talentos-2024.pdf'));
    };
    const first = render();
    // The command (batch orchestration) and the renderer are two bundles, each with its cache.
    const files = caches(cache);
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^render-[0-9a-f]{32}\.bin$/);
    expect(files[1]).toMatch(/^renderer-[0-9a-f]{32}\.bin$/);
    const written = files.map((f) => statSync(join(cache, 'v8', f)).mtimeMs);
    expect(render().equals(first)).toBe(true);
    expect(caches(cache).map((f) => statSync(join(cache, 'v8', f)).mtimeMs)).toEqual(written);
  });

  it('a whole batch in one thread (rendered with the default optimization budget of V8) leaves a cache the next start accepts', () => {
    const { cache, out, inputs, run } = batchOf16();
    run(inputs, '--jobs', '1');
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(16);
    const files = caches(cache);
    expect(files).toHaveLength(2);
    const written = files.map((f) => statSync(join(cache, 'v8', f)).mtimeMs);
    // A cache made under other V8 flags than it is loaded under is rejected, compiled again and
    // rewritten: neither one ficha nor the same batch again may rewrite them.
    run(join(inputs, 'p0.yaml'));
    run(inputs, '--jobs', '1');
    expect(caches(cache).map((f) => statSync(join(cache, 'v8', f)).mtimeMs)).toEqual(written);
  });

  it('the workers of a batch load the renderer with its code cache, made by the first of them; the main thread never loads it', () => {
    const { cache, out, inputs, run } = batchOf16();
    run(inputs, '--jobs', '2');
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(16);
    const names = caches(cache);
    expect(names.map((f) => f.replace(/-[0-9a-f]{32}\.bin$/, ''))).toEqual(['render', 'renderer']);
    // The next batch's workers accept it (same V8 flags as the thread that made it): not written again.
    const renderer = join(cache, 'v8', names[1]!);
    const written = statSync(renderer).mtimeMs;
    run(inputs, '--jobs', '2');
    expect(caches(cache)).toEqual(names);
    expect(statSync(renderer).mtimeMs).toBe(written);
    // …and the command's own bundle does not carry it: no PDF, chart, pipeline or YAML code in it.
    // The bundles are minified (no module comments), but keep their names: each of these is in the
    // renderer's bundle and none in the command's.
    const bundle = (name: string) => readFileSync(resolve(BIN, `../../dist/cjs/${name}.cjs`), 'utf8');
    const [command, rendererCode] = [bundle('render'), bundle('renderer')];
    const rendererOnly = ['PDFDocument', 'ChartEngine', 'runStages', 'Dataflow', 'YAMLMap'];
    for (const name of rendererOnly) expect(rendererCode).toMatch(new RegExp(`\\b${name}\\b`));
    expect(command).toContain('MIN_FILES_PER_WORKER');
    expect(command).not.toMatch(new RegExp(`\\b(${rendererOnly.join('|')})\\b`));
  });
});
