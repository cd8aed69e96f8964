import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap } from 'yaml';
import { loadYaml } from '../../src/load/load.js';
import { locate } from '../../src/load/locate.js';
import { LIMITS } from '../../src/load/limits.js';
import { prescan } from '../../src/load/prescan.js';
import { readInput } from '../../src/load/readInput.js';
import { REFERENCE_YAML } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ficha-load-'));

describe('readInput', () => {
  it('reads a regular file whole, and only that', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), REFERENCE_YAML);
    expect(readInput(join(dir, 'a.yaml')).bytes?.toString('utf8')).toBe(REFERENCE_YAML);
    mkdirSync(join(dir, 'carpeta.yaml'));
    expect(readInput(join(dir, 'carpeta.yaml')).diagnostics?.[0]).toMatchObject({ code: 'io', message: 'no se pudo leer: es una carpeta, no un archivo YAML' });
    expect(readInput(join(dir, 'nada.yaml')).diagnostics?.[0]).toMatchObject({ code: 'io', message: 'no se pudo leer: no existe' });
  });
  it.runIf(process.platform !== 'win32')('refuses a socket named x.yaml', async () => {
    const path = join(tmp(), 's.yaml');
    const server = createServer();
    await new Promise<void>((r) => server.listen(path, () => r()));
    try {
      expect(readInput(path).diagnostics?.[0]).toMatchObject({ code: 'io', message: 'no se pudo leer: es un socket o un dispositivo que no se puede abrir' });
    } finally {
      server.close();
    }
  });
  it('refuses a file over the limit without reading it (a sparse 3 GB file)', () => {
    const f = join(tmp(), 'grande.yaml');
    writeFileSync(f, '');
    truncateSync(f, 3 * 1024 ** 3);
    const r = readInput(f);
    expect(r.diagnostics?.[0]?.code).toBe('file-too-large');
    expect(readInput(f).bytes).toBeUndefined();
  });
  it('reads a file exactly at the limit', () => {
    const f = join(tmp(), 'justo.yaml');
    writeFileSync(f, Buffer.alloc(LIMITS.fileBytes, 0x61));
    expect(readInput(f).bytes?.length).toBe(LIMITS.fileBytes);
  });
});

describe('loadYaml', () => {
  it('keeps positions: locate finds a value at its line and column', () => {
    const { source, diagnostics } = loadYaml('r.yaml', REFERENCE_YAML);
    expect(diagnostics).toEqual([]);
    const line = REFERENCE_YAML.split('\n').findIndex((l) => l.includes('inicial: 298370')) + 1;
    expect(locate(source, ['presupuesto', 'por_anio', '2022', 'inicial'])).toMatchObject({ line, column: REFERENCE_YAML.split('\n')[line - 1]!.indexOf('298370') + 1, found: 4 });
  });
  it('repairs { 2021: 73,0 } to 73 point 0 and says so once, at the number', () => {
    const { source, diagnostics } = loadYaml('r.yaml', 'v: { 2020: 1, 2021: 73,0, 2022: 76,5 }\n');
    expect(diagnostics.map((d) => [d.code, d.column, d.suggestion])).toEqual([
      ['number-format', 21, '73.0'],
      ['number-format', 33, '76.5'],
    ]);
    const v = source.doc.get('v');
    expect(isMap(v) && v.toJSON()).toEqual({ 2020: 1, 2021: 73, 2022: 76.5 });
  });
  it('finds repeated keys in one pass, also written another way', () => {
    const { diagnostics } = loadYaml('r.yaml', 'a: 1\nb: 2\na: 3\n2022: 1\n"2022": 2\n');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['duplicate-key', 3],
      ['duplicate-key', 5],
    ]);
    expect(diagnostics[1]!.message).toContain('escrita de otra forma');
  });
});

describe('prescan', () => {
  it('leaves a normal file alone and does not count the lines of a block text', () => {
    expect(prescan(REFERENCE_YAML)).toBeUndefined();
    const text = `a: |\n${Array.from({ length: 2000 }, (_, i) => `  k${i}: no es una clave`).join('\n')}\nb: 1\n`;
    expect(prescan(text)).toBeUndefined();
  });
  it('refuses 801 sibling keys, and nesting past 100 levels', () => {
    expect(prescan(Array.from({ length: 801 }, (_, i) => `k${i}: 1`).join('\n'))?.code).toBe('too-many-items');
    expect(prescan(`a: ${'['.repeat(101)}`)?.code).toBe('too-deep');
    expect(prescan(`a: ${'['.repeat(100)}`)).toBeUndefined();
  });
});
