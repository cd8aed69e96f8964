import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../src/batch/manifest.js';
import { sampleInputs } from '../../src/sample/generate.js';
import { BIN, run } from './bin.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ficha-year-'));

describe('a year in one command', () => {
  it('Ctrl-C in the middle of a 200-ficha batch: only complete PDFs, a manifest that lists exactly them, exit 130', async () => {
    const dir = tmp();
    const input = join(dir, 'entrada');
    const out = join(dir, 'salida');
    mkdirSync(input);
    for (const f of sampleInputs(200, { seed: 11 })) writeFileSync(join(input, f.name), f.text);
    const child = spawn(process.execPath, [BIN, 'render', input, '--out', out, '--jobs', '2', '--no-charts'], { env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    // Wait for the first fichas, then interrupt.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (!existsSync(out) || readdirSync(out).filter((f) => f.endsWith('.pdf')).length < 5)) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toContain('no se inician más fichas');
    expect(err).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // no stack trace
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf')).sort();
    expect(pdfs.length).toBeGreaterThanOrEqual(5);
    expect(pdfs.length).toBeLessThan(200);
    expect(readdirSync(out).filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([]);
    const rows = readManifest(join(out, 'manifest.json')).filas;
    expect(rows.filter((r) => r.estado === 'generada').map((r) => r.pdf).sort()).toEqual(pdfs);
    expect(rows.every((r) => r.estado === 'generada')).toBe(true);
    for (const r of rows) {
      const bytes = readFileSync(join(out, r.pdf));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
      expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    }
  }, 120_000);

  it('a year split in shards, merged into one manifest', () => {
    const dir = tmp();
    const input = join(dir, 'entrada');
    mkdirSync(input);
    for (const f of sampleInputs(6, { seed: 5 })) writeFileSync(join(input, f.name), f.text);
    const a = run('render', input, '--out', join(dir, 'a'), '--shard', '1/2', '--quiet', '--no-charts');
    const b = run('render', input, '--out', join(dir, 'b'), '--shard', '2/2', '--quiet', '--no-charts');
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out).toMatch(/fragmento 1\/2 \(\d+ de 6 archivos\)/);
    const m = run('manifest', 'merge', join(dir, 'a', 'manifest.json'), join(dir, 'b', 'manifest.json'), '--out', join(dir, 'todo'));
    expect(m.code).toBe(0);
    const rows = readManifest(join(dir, 'todo', 'manifest.json')).filas;
    expect(rows.map((r) => r.entrada).sort()).toEqual(readdirSync(input).map((f) => join(input, f)).sort());
    expect(readFileSync(join(dir, 'todo', 'manifest.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(7);
    // One shard named under two spellings counts once.
    const twice = run('manifest', 'merge', join(dir, 'a', 'manifest.json'), join(dir, 'a', '..', 'a', 'manifest.json'), '--out', join(dir, 'una'));
    expect(twice.code).toBe(0);
    expect(twice.out).toMatch(/: \d+ fichas de 1 manifiestos \(1 nombrado dos veces\)/);
    expect(readManifest(join(dir, 'una', 'manifest.json')).filas).toHaveLength(readManifest(join(dir, 'a', 'manifest.json')).filas.length);
    // a rerun with --changed renders nothing and says so
    const again = run('render', input, '--out', join(dir, 'a'), '--shard', '1/2', '--changed', '--quiet', '--no-charts');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^0 fichas generadas, \d+ sin cambios, 0 con errores/m);
    // The same ficha rendered again elsewhere with other bytes (another date): the merge refuses
    // the conflict and names it, unless --prefer newest.
    const c = run('render', input, '--out', join(dir, 'c'), '--shard', '1/2', '--quiet', '--no-charts', '--date', '2030-01-01');
    expect(c.code).toBe(0);
    const conflict = run('manifest', 'merge', join(dir, 'a', 'manifest.json'), join(dir, 'c', 'manifest.json'), '--out', join(dir, 'conflicto'));
    expect(conflict.code).toBe(1);
    expect(conflict.err).toMatch(/\.pdf: los manifiestos no coinciden: .*\.yaml \((generada|sin cambios), sha256 [0-9a-f]{12}…\) \/ .*\.yaml \(generada, sha256 [0-9a-f]{12}…\)/);
    expect(conflict.err).toMatch(/fichas? en conflicto: no se escribió el manifiesto/);
    expect(existsSync(join(dir, 'conflicto', 'manifest.json'))).toBe(false);
    const newest = run('manifest', 'merge', join(dir, 'a', 'manifest.json'), join(dir, 'c', 'manifest.json'), '--out', join(dir, 'reciente'), '--prefer', 'newest');
    expect(newest.code, newest.err).toBe(0);
    const kept = readManifest(join(dir, 'reciente', 'manifest.json')).filas;
    expect(kept.map((r) => r.sha256).sort()).toEqual(readManifest(join(dir, 'c', 'manifest.json')).filas.map((r) => r.sha256).sort());
  });

  it('ficha sample writes the same files for the same seed', () => {
    const dir = tmp();
    expect(run('sample', '--count', '5', '--seed', '9', '--out', join(dir, 'x')).code).toBe(0);
    expect(readdirSync(join(dir, 'x'))).toEqual(sampleInputs(5, { seed: 9 }).map((f) => f.name).sort());
    expect(run('sample', '--count', 'muchos', '--out', join(dir, 'y')).code).toBe(2);
  });
});
