import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';
import { BIN } from './bin.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The installed program, copied as another build of it would be installed: its own dist/ (with
 * another build stamp, as a rebuild after a fix or an upgrade writes), the same packages.
 */
function anotherBuild(): string {
  const pkg = mkdtempSync(join(tmpdir(), 'ficha-otra-'));
  for (const p of ['package.json', 'package-lock.json', 'bin', 'dist', 'templates', 'schema']) cpSync(join(ROOT, p), join(pkg, p), { recursive: true });
  mkdirSync(join(pkg, 'src'));
  cpSync(join(ROOT, 'src', 'rulesets'), join(pkg, 'src', 'rulesets'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  const stampFile = join(pkg, 'dist', 'build-id.json');
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { code: string };
  writeFileSync(stampFile, JSON.stringify({ ...stamp, code: stamp.code.replace(/^./, (c) => (c === '0' ? '1' : '0')) }));
  return join(pkg, 'bin', 'ficha.js');
}

describe('--changed and the build', () => {
  it('another build of the program renders every ficha again, then skips them again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-changed-'));
    const out = join(dir, 'out');
    const inputs = ['promocion-talentos-2024.yaml', 'lenguas-indigenas-2025.yaml', 'redes-oportunidades-negocios-2022.yaml'].map((f) => {
      writeFileSync(join(dir, f), fixture(f));
      return join(dir, f);
    });
    const states = (bin: string) => {
      const r = spawnSync(process.execPath, [bin, 'render', ...inputs, '--out', out, '--changed', '--quiet', '--no-charts'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      const rows = (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { filas: { estado: string }[] }).filas;
      return rows.map((row) => row.estado);
    };
    const other = anotherBuild();
    expect(states(BIN)).toEqual(['generada', 'generada', 'generada']);
    expect(states(BIN)).toEqual(['sin cambios', 'sin cambios', 'sin cambios']);
    expect(states(other)).toEqual(['generada', 'generada', 'generada']);
    expect(states(other)).toEqual(['sin cambios', 'sin cambios', 'sin cambios']);
    expect(states(BIN)).toEqual(['generada', 'generada', 'generada']);
  });
});
