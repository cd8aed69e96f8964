import { describe, expect, it } from 'vitest';
import { compareIds, sortRows, type ManifestRow } from '../../src/batch/manifest.js';

describe('manifest order', () => {
  it('orders valid program ids as Spanish collation does, without the collator', () => {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-';
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ids = ['', '-', 'a', 'a-', 'a-b', 'a0', 'ab', 'a--b', 'n', 'o', 'z9', '9z', 'programa-1', 'programa-10', 'programa-2', 'programa'];
    for (let i = 0; i < 1500; i++) {
      let id = '';
      for (let k = 1 + Math.floor(random() * 6); k > 0; k--) id += chars[Math.floor(random() * (random() < 0.3 ? 4 : chars.length))];
      ids.push(id);
    }
    const sign = (n: number) => Math.sign(n);
    for (let i = 0; i < ids.length; i++) {
      for (const j of [i + 1, i + 2, Math.floor(random() * ids.length)]) {
        const [a, b] = [ids[i]!, ids[j % ids.length]!];
        expect(sign(compareIds(a, b)), `${a} / ${b}`).toBe(sign(a.localeCompare(b, 'es')));
      }
    }
  });

  it('orders any other id (an invalid input) with the collator: ñ after n, accents and case aside', () => {
    const row = (programa_id: string, entrada: string) => ({ programa_id, entrada, anio: 2024 }) as ManifestRow;
    const sorted = sortRows([row('oso', 'd.yaml'), row('Ñandú', 'c.yaml'), row('nube', 'b.yaml'), row('Árbol', 'a.yaml')]);
    expect(sorted.map((r) => r.programa_id)).toEqual(['Árbol', 'nube', 'Ñandú', 'oso']);
  });
});

describe('an earlier version’s manifest (format 1, figures as printed text)', () => {
  it('is read as format 2: its figures as numbers, S/I as null', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readManifest } = await import('../../src/batch/manifest.js');
    const file = join(mkdtempSync(join(tmpdir(), 'ficha-manifest-v1-')), 'manifest.json');
    const row = { entrada: 'a.yaml', programa_id: 'a', anio: 2022, estado: 'generada', pdf: 'a-2022.pdf', cobertura: '49,9%', ejecucion_inicial: '175%', ejecucion_final: 'S/I', gasto_total: '886.072', gasto_por_beneficiario: '2.300,2' };
    writeFileSync(file, JSON.stringify({ formato: 1, filas: [row] }));
    const m = readManifest(file);
    expect(m.formato).toBe(2);
    expect(m.filas[0]).toMatchObject({ cobertura: 49.9, ejecucion_inicial: 175, ejecucion_final: null, gasto_total: 886072, gasto_por_beneficiario: 2300.2, fecha: '', moneda_anio: null });
    writeFileSync(file, JSON.stringify({ formato: 3, filas: [] }));
    expect(() => readManifest(file)).toThrow(/formato 1 o 2/);
  });
});
