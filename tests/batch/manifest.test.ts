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
