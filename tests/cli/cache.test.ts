import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_YAML } from '../helpers.js';
import { BIN } from './bin.js';

const ficha = (cache: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FICHA_CACHE_DIR: cache, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

interface Info {
  carpeta: string | null;
  activa: boolean;
  compilacion: string;
  archivos: { archivo: string; bytes: number; estado: string }[];
  bytes: number;
}

describe('ficha cache', () => {
  it('info lists each file, its size and whether this build trusts it; clear empties the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-cli-cache-'));
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'a.yaml'), REFERENCE_YAML);
    expect(ficha(cache, 'render', join(dir, 'a.yaml'), '--out', join(dir, 'out'), '--quiet').code).toBe(0);

    const info = JSON.parse(ficha(cache, 'cache', 'info', '--json').out) as Info;
    expect(info).toMatchObject({ carpeta: cache, activa: true });
    expect(info.compilacion).toMatch(/^[0-9a-f]{64}$/);
    const names = info.archivos.map((f) => f.archivo);
    for (const kind of [/^handlebars-/, /^coverage-/, /^pdfkit-runs-2-/, /^v8\/renderer-/, /^vega\/ejecucion-/]) expect(names.some((n) => kind.test(n)), String(kind)).toBe(true);
    expect(info.archivos.every((f) => f.estado === 'al día')).toBe(true);
    expect(info.bytes).toBe(info.archivos.reduce((s, f) => s + f.bytes, 0));

    // One damaged file is shown as such, and the text form names it.
    const damaged = join(cache, info.archivos.find((f) => f.archivo.startsWith('coverage-'))!.archivo);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    writeFileSync(damaged, bytes);
    const text = ficha(cache, 'cache', 'info');
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Carpeta: ${cache}`);
    expect(text.out).toMatch(/coverage-[0-9a-f]+\.json\s+\d+ KB\s+dañado/);
    expect(text.out).toMatch(/handlebars-[\d.]+\.json\s+\d+ KB\s+al día/);

    const clear = ficha(cache, 'cache', 'clear');
    expect(clear.code).toBe(0);
    expect(clear.out).toMatch(new RegExp(`^Se borraron ${info.archivos.length} archivos \\(.* MB\\) de ${cache}\\.`));
    expect(existsSync(cache)).toBe(true);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('with FICHA_CACHE_DIR empty, says the cache is off and touches nothing', () => {
    const info = ficha('', 'cache', 'info');
    expect(info.code).toBe(0);
    expect(info.out).toContain('La caché está desactivada (FICHA_CACHE_DIR está vacía).');
    const clear = ficha('', 'cache', 'clear');
    expect(clear.code).toBe(0);
    expect(clear.out).toContain('no hay nada que borrar');
  });
});
