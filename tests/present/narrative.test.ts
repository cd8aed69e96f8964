import { describe, expect, it } from 'vitest';
import { literalNumericSegments } from '../../src/present/narrative.js';
import { paragraphs } from '../../src/present/paragraphs.js';
import { runStages } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';

const withHallazgo = (expr: string) => REFERENCE_YAML.replace('El programa presentó una baja cobertura ({{pct cobertura.t 1}}) en el año {{anio}}.', JSON.stringify(expr));
const hallazgo = (expr: string) => {
  const s = runStages('n.yaml', withHallazgo(expr));
  return { text: s.view?.dimensiones[0]!.hallazgos[0], errors: s.diagnostics.filter((d) => d.severity === 'error') };
};

describe('narratives see the computed figures', () => {
  it.each([
    ['{{pct cobertura.t 1}}', '4,5%'],
    ['{{pct cobertura.2022 1}}', '4,5%'],
    ['{{pct cobertura.t1 1}}', '6,5%'],
    ['{{pct cobertura.t2 1}}', '0,0%'],
    ['{{num gasto_unitario.0.t 1}}', '2.040,8'],
    ['{{num gasto_unitario.[0].2021 1}}', '862,6'],
    ['{{money gasto_total.t}}', '522.147'],
    ['{{num gasto_por_beneficiario.t 1}}', '2.300,2'],
    ['{{pct gasto_por_beneficiario.variacion_anual 0}}', '153%'],
    ['{{pct gasto_por_beneficiario.variacion_promedio 0}}', 'N/A'],
    ['{{pct porcentaje_gasto_administrativo.t 1}}', '11,3%'],
    ['{{money regiones.total.gasto}}', '463.251'],
    ['{{money subtitulos.total}}', '522.147'],
    ['{{pct ejecucion_inicial.2022 0}}', '175%'],
    ['{{anio}} {{anio_anterior}}', '2022 2021'],
    ['{{programa.servicio}}', 'Servicio de Cooperación Técnica'],
    ['{{gasto_total.t}}', '522.147'],
  ])('%s prints %s', (expr, out) => {
    const r = hallazgo(expr);
    expect(r.errors).toEqual([]);
    expect(r.text).toBe(out);
  });

  it('an unknown figure is an error at its line and column, not an empty string', () => {
    const text = withHallazgo('Cobertura de {{pct cobertura.t3 1}}.');
    const r = runStages('n.yaml', text);
    const d = r.diagnostics.find((x) => x.code === 'narrative-unknown-name')!;
    expect(d.message).toContain('cobertura.t3');
    const idx = text.indexOf('{{pct cobertura.t3 1}}');
    const before = text.slice(0, idx).split('\n');
    expect([d.line, d.column]).toEqual([before.length, before[before.length - 1]!.length + 1]);
    expect(r.layout).toBeUndefined();
  });
  it('an unknown helper is an error', () => {
    expect(hallazgo('{{porciento cobertura.t 1}}').errors.map((e) => e.code)).toEqual(['narrative-unknown-helper']);
  });
  it('a malformed expression is an error', () => {
    expect(hallazgo('{{pct cobertura.t 1').errors.map((e) => e.code)).toEqual(['narrative-syntax']);
  });
  it('leaves numeric arguments alone when rewriting year segments', () => {
    expect(literalNumericSegments('{{pct cobertura.2022 1}} y {{num x.0.t 1.5}}')).toBe('{{pct cobertura.[2022] 1}} y {{num x.[0].t 1.5}}');
  });
});

describe('real-world text', () => {
  it('a blank line starts a paragraph; tabs and runs of spaces are one space; typography stays', () => {
    expect(paragraphs('Uno  dos\ttres\ncuatro “cinco” 5° – seis\n\n\nOtro párrafo, cortado a')).toEqual(['Uno dos tres cuatro “cinco” 5° – seis', 'Otro párrafo, cortado a']);
    expect(paragraphs('a\r\n\r\nb')).toEqual(['a', 'b']);
  });
});
