import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRuleSet, reloadRuleSets, ruleSetIds } from '../../src/rulesets/rulesets.js';
import { flushCaches } from '../../src/cache/diskCache.js';
import { judged, variant } from '../helpers.js';

afterEach(() => {
  delete process.env.FICHA_RULESETS;
  reloadRuleSets();
});

describe('rule sets are data', () => {
  it('ships dipres-2022 and dipres-2025', () => {
    expect(ruleSetIds()).toEqual(expect.arrayContaining(['dipres-2022', 'dipres-2025']));
    expect(findRuleSet('dipres-2025')!.reglas.find((r) => r.id === 'ejecucion_inicial')).toMatchObject({ inferior: 85, superior: 110 });
  });

  it('a third methodology is a data file, not code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reglas-'));
    const base = readFileSync(resolve(import.meta.dirname, '../../src/rulesets/dipres-2022.yaml'), 'utf8');
    writeFileSync(join(dir, 'dipres-2030.yaml'), base.replace('id: dipres-2022', 'id: dipres-2030').replace(/inferior: 90\n    superior: 110/, 'inferior: 50\n    superior: 200'));
    process.env.FICHA_RULESETS = dir;
    reloadRuleSets();
    const r = judged(variant((d) => (d.ficha.metodologia = 'dipres-2030'))).flatMap((d) => d.resultados).find((x) => x.rule === 'ejecucion_inicial')!;
    expect(r.outcome).toBe('rango'); // 175% is within 50..200 under the new thresholds
    expect(r.text).toContain('dentro del rango esperado (50% y el 200%)');
  });

  it('a rule set kept in the cache folder is read again when its file changes, and checked again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reglas-'));
    const file = join(dir, 'dipres-2031.yaml');
    const base = readFileSync(resolve(import.meta.dirname, '../../src/rulesets/dipres-2022.yaml'), 'utf8').replace('id: dipres-2022', 'id: dipres-2031');
    writeFileSync(file, base);
    process.env.FICHA_RULESETS = dir;
    reloadRuleSets();
    const nombre = findRuleSet('dipres-2031')!.nombre;
    flushCaches();
    writeFileSync(file, base.replace(/^nombre: .*$/m, 'nombre: Otra metodología'));
    reloadRuleSets();
    expect(findRuleSet('dipres-2031')!.nombre).toBe('Otra metodología');
    expect(nombre).not.toBe('Otra metodología');
    writeFileSync(file, base.replace(/inferior: 90/, 'inferior: noventa'));
    reloadRuleSets();
    expect(() => findRuleSet('dipres-2031')).toThrow(/dipres-2031.yaml is invalid/);
    // Back to a file read before: the same rule set, from the cache folder.
    writeFileSync(file, base);
    reloadRuleSets();
    expect(findRuleSet('dipres-2031')!.nombre).toBe(nombre);
  });
});
