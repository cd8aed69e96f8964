import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sampleInputs } from '../../src/sample/generate.js';
import { runStages } from '../../src/pipeline/pipeline.js';

describe('ficha sample', () => {
  const files = sampleInputs(80, { seed: 3 });
  it('is deterministic: the same seed gives the same files, another seed others', () => {
    expect(sampleInputs(80, { seed: 3 })).toEqual(files);
    expect(sampleInputs(80, { seed: 4 })).not.toEqual(files);
    expect(new Set(files.map((f) => f.name)).size).toBe(80);
  });
  it('writes valid inputs with no warning at all', () => {
    for (const f of files) expect(runStages(f.name, f.text).diagnostics, f.name).toEqual([]);
  });
  it('varies what the contract allows', () => {
    const data = files.map((f) => parse(f.text));
    const values = (fn: (d: any) => unknown) => new Set(data.map(fn));
    expect(values((d) => d.ficha.metodologia)).toEqual(new Set(['dipres-2022', 'dipres-2025']));
    expect(values((d) => d.ficha.moneda.montos)).toEqual(new Set(['reales', 'nominales']));
    expect(Math.max(...data.map((d) => d.componentes.length))).toBe(6);
    expect(Math.min(...data.map((d) => d.componentes.length))).toBe(0);
    expect(values((d) => d.indicadores.length)).toEqual(new Set([1, 2, 3]));
    expect(values((d) => d.indicadores.some((i: any) => i.lectura === 'descendente'))).toContain(true);
    expect(Math.max(...data.map((d) => d.regiones.filter((r: any) => r.region !== 'Nivel central').length))).toBe(16);
    expect(data.some((d) => d.regiones.some((r: any) => r.region === 'Nivel central'))).toBe(true);
    expect(data.some((d) => JSON.stringify(d).includes('"N/A"'))).toBe(true);
    expect(data.some((d) => JSON.stringify(d).includes('"S/I"'))).toBe(true);
    expect(Math.max(...data.map((d) => d.programa.descripcion.length))).toBeGreaterThan(600);
  });
  it('--warnings adds an inconsistency to every third file', () => {
    const warned = sampleInputs(9, { seed: 3, warnings: true }).filter((f) => runStages(f.name, f.text).diagnostics.some((d) => d.severity === 'warning'));
    expect(warned).toHaveLength(3);
  });
});
