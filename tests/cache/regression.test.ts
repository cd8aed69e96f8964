import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStamp, HEADER_BYTES, stamp } from '../../src/cache/stamped.js';
import { BIN } from '../cli/bin.js';
import { FIXTURES } from '../helpers.js';

/**
 * The regression corpus: the inputs of `ficha sample --count 40 --seed 1` and the five examples of
 * input/, and the sha256 of each one's PDF (tests/fixtures/corpus.sha256). Every cache, and every
 * state a cache folder can be in, must give those bytes: caches off, cold, warm, and damaged in
 * every way this file can think of, in the command's own thread and in a batch's workers.
 *
 * A change that moves a hash on purpose updates corpus.sha256 in the same commit, saying why:
 * FICHA_UPDATE_CORPUS=1 npx vitest run tests/cache/regression.test.ts (docs/caches.md).
 */
const CORPUS = join(FIXTURES, 'corpus');
const HASHES = join(FIXTURES, 'corpus.sha256');
const EPOCH = '1735689600';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const expected = () => new Map(readFileSync(HASHES, 'utf8').trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)] as const));

/** `ficha render` of a folder: exit status, stderr, and the sha256 of each PDF by name. */
function render(inputs: string, cache: string, jobs: 'one thread' | 'workers') {
  const out = mkdtempSync(join(tmpdir(), 'ficha-corpus-out-'));
  const args = [BIN, 'render', inputs, '--out', out, '--quiet', ...(jobs === 'one thread' ? ['--jobs', '1'] : ['--jobs', '2'])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, FICHA_CACHE_DIR: cache, SOURCE_DATE_EPOCH: EPOCH, NO_COLOR: '1' } });
  const pdfs = new Map(readdirSync(out).filter((f) => f.endsWith('.pdf')).map((f) => [f, sha(readFileSync(join(out, f)))] as const));
  return { code: r.status, err: r.stderr, pdfs };
}

/** Every file under the cache folder (v8/ and vega/ included). */
function cacheFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** A deterministic sequence of offsets, so that a failure names a damage that can be made again. */
function* offsets(length: number, count: number, seed: number) {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x % length;
  }
}

const ANOTHER_BUILD = 'b'.repeat(64);
/** The identity of the build the command runs (dist/), not of these sources run by vitest. */
const commandIdentity = () =>
  (JSON.parse(spawnSync(process.execPath, [BIN, 'cache', 'info', '--json'], { encoding: 'utf8', env: { ...process.env, FICHA_CACHE_DIR: '' } }).stdout) as { compilacion: string }).compilacion;
/** Each kind of damage, applied to a file's bytes. */
const DAMAGES: Record<string, (bytes: Buffer, seed: number) => Buffer> = {
  // 64 bytes flipped, in the header and in the contents alike.
  'bytes flipped': (b, seed) => {
    const out = Buffer.from(b);
    for (const at of offsets(out.length, 64, seed)) out[at] = out[at]! ^ 0x5a;
    return out;
  },
  // Cut inside the header, right after it, halfway through the contents, one byte short.
  truncated: (b, seed) => b.subarray(0, [0, 10, HEADER_BYTES - 1, HEADER_BYTES, (HEADER_BYTES + b.length) >> 1, b.length - 1][seed % 6]),
  // A well-formed file of another build, its contents changed too (a digit, a glyph, a width):
  // what an older ficha left behind must be ignored however plausible it looks.
  'another build': (b, seed) => {
    const contents = Buffer.from(b.subarray(HEADER_BYTES));
    for (const at of offsets(Math.max(1, contents.length), 8, seed)) if (contents.length) contents[at] = contents[at]! ^ 0x01;
    return stamp(contents, ANOTHER_BUILD);
  },
};

describe('the regression corpus', () => {
  it('renders to the committed bytes with caches off, cold and warm, in one thread and in workers', () => {
    const want = expected();
    expect(want.size).toBe(45);
    const cache = mkdtempSync(join(tmpdir(), 'ficha-corpus-cache-'));
    const runs = {
      off: render(CORPUS, '', 'workers'),
      cold: render(CORPUS, cache, 'one thread'),
      warm: render(CORPUS, cache, 'workers'),
    };
    if (process.env.FICHA_UPDATE_CORPUS === '1') {
      writeFileSync(HASHES, [...runs.off.pdfs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, h]) => `${h}  ${f}\n`).join(''));
      return;
    }
    for (const [name, run] of Object.entries(runs)) {
      expect(run.code, `${name}: ${run.err}`).toBe(0);
      const moved = [...want].filter(([f, h]) => run.pdfs.get(f) !== h).map(([f]) => f);
      expect(moved, `${name}: PDFs whose bytes moved (see the comment at the top of this file)`).toEqual([]);
      expect(run.pdfs.size, name).toBe(45);
    }
    // The warm run used every kind of file the caches write.
    const names = cacheFiles(cache).map((f) => f.slice(cache.length + 1).replace(/-[0-9a-f]{16,}/, '-*'));
    for (const kind of ['handlebars-', 'number-runs-1.json', 'coverage-*', 'pdfkit-runs-2-*', 'widths-2-*', 'v8/render-*', 'v8/renderer-*', 'vega/'])
      expect(names.some((n) => n.startsWith(kind)), kind).toBe(true);
  });

  it('a damaged cache folder changes no byte of any PDF: every kind of file, every kind of damage, one thread and workers', () => {
    // 16 inputs: the fewest a batch hands to workers.
    const inputs = mkdtempSync(join(tmpdir(), 'ficha-corpus-in-'));
    const chosen = readdirSync(CORPUS).sort().filter((_, i) => i % 2 === 0).slice(0, 16);
    for (const f of chosen) cpSync(join(CORPUS, f), join(inputs, f));
    const want = expected();
    const cache = mkdtempSync(join(tmpdir(), 'ficha-corpus-cache-'));
    const first = render(inputs, cache, 'workers');
    expect(first.code).toBe(0);
    // The inputs' own warnings (e.g. a sample's implausible figures) are in every run: not counted.
    const beyondFirst = (err: string) => {
      const left = first.err.split('\n').filter(Boolean);
      return err.split('\n').filter((l) => {
        const i = left.indexOf(l);
        if (i >= 0) left.splice(i, 1);
        return Boolean(l) && i < 0;
      });
    };
    const identity = commandIdentity();
    let seed = 1;
    for (const [damage, apply] of Object.entries(DAMAGES)) {
      for (const jobs of ['one thread', 'workers'] as const) {
        const damaged = new Map<string, Buffer>();
        for (const f of cacheFiles(cache)) damaged.set(f, apply(readFileSync(f), seed++));
        expect(damaged.size).toBeGreaterThanOrEqual(10);
        for (const [f, bytes] of damaged) writeFileSync(f, bytes);
        const run = render(inputs, cache, jobs);
        const what = `${damage}, ${jobs}`;
        expect(run.code, `${what}: ${run.err}`).toBe(0);
        expect(run.pdfs.size, what).toBe(16);
        for (const [f, h] of run.pdfs) expect(h, `${what}: ${f}`).toBe(want.get(f));
        // At most one line, and only for damage: a file of another build goes without a word.
        const lines = beyondFirst(run.err);
        expect(lines.length, `${what}: ${run.err}`).toBeLessThanOrEqual(damage === 'another build' ? 0 : 1);
        for (const l of lines) expect(l).toMatch(/^ficha: aviso: la caché .* estaba dañada; se descartó/);
        // What the run read it deleted and wrote again; only what it never read (a second file of
        // words looked up only on a miss) may still be as damaged.
        const after = cacheFiles(cache);
        const rewritten = after.filter((f) => !damaged.get(f)?.equals(readFileSync(f)));
        expect(rewritten.length, what).toBeGreaterThanOrEqual(damaged.size - 3);
        for (const f of rewritten) expect(checkStamp(readFileSync(f), identity), `${what}: ${f}`).toHaveProperty('contents');
      }
    }
  });
});
