import { describe, expect, it } from 'vitest';
import { runStages } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML, variant } from '../helpers.js';

const warnings = (text: string) => runStages('c.yaml', text).diagnostics.filter((d) => d.severity === 'warning');
const codes = (text: string) => warnings(text).map((d) => d.code);

describe('consistency checks (warnings)', () => {
  it('the reference has none', () => expect(warnings(REFERENCE_YAML)).toEqual([]));

  it('subtítulos total vs presupuesto ejecutado t, with 0,5 per summed term of tolerance', () => {
    expect(codes(variant((d) => (d.presupuesto.subtitulos[24] = 490142.5)))).toEqual([]); // off by 1,5 over 3 terms
    const w = warnings(variant((d) => (d.presupuesto.subtitulos[24] = 490143)));
    expect(w.map((x) => x.code)).toEqual(['subtitulos-vs-ejecutado']);
    expect(w[0]!.message).toMatch(/^diferencia de 2 entre la suma de los subtítulos/);
    expect(w[0]!.line).toBeGreaterThan(0);
  });

  it('gasto total vs ejecutado for each year, pointing at the year', () => {
    const text = variant((d) => (d.presupuesto.por_anio[2021].ejecutado = 300000));
    const w = warnings(text).find((x) => x.code === 'gasto-total-vs-ejecutado')!;
    expect(w.message).toMatch(/^diferencia de 2\.739,2 entre el gasto total 2021 .*\(297\.260,8\) y el presupuesto ejecutado 2021 \(300\.000\)$/);
    expect(text.split('\n')[w.line! - 1]).toContain('300000');
  });

  it('regional totals vs componentes and beneficiaries', () => {
    expect(codes(variant((d) => (d.regiones[0].gasto = 5000)))).toEqual(['regiones-gasto']);
    expect(codes(variant((d) => (d.regiones[0].beneficiarios = 13)))).toEqual(['regiones-beneficiarios']);
  });

  it('a percentage indicator outside 0..100', () => {
    expect(codes(variant((d) => (d.indicadores[0].valores[2022] = 104)))).toEqual(['porcentaje-fuera-de-rango']);
  });

  it('beneficiaria above objetivo, and a start year after the ficha year', () => {
    expect(codes(variant((d) => (d.poblacion.por_anio[2022].objetivo = 200)))).toContain('beneficiaria-mayor-que-objetivo');
    expect(codes(variant((d) => (d.programa.anio_inicio = 2023)))).toContain('inicio-posterior');
  });

  it('--strict makes them errors', () => {
    const text = variant((d) => (d.regiones[0].gasto = 5000));
    const staged = runStages('c.yaml', text, { strict: true });
    expect(staged.diagnostics.map((d) => d.severity)).toEqual(['error']);
    expect(staged.layout).toBeUndefined();
  });
});
