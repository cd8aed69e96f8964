import { describe, expect, it } from 'vitest';
import { judged, REFERENCE_YAML, variant } from '../helpers.js';

const results = (text: string) => judged(text).flatMap((d) => d.resultados);
const byRule = (text: string, rule: string) => results(text).filter((r) => r.rule === rule);
/** A result as printed: its label, then its sentence. */
const full = (r: { label: string; text: string }) => (r.label ? `${r.label} ${r.text}` : r.text);
const one = (text: string, rule: string) => {
  const r = byRule(text, rule);
  expect(r).toHaveLength(1);
  return r[0]!;
};

/** A year-t budget with a given ejecución inicial and final (in percent of 1000). */
const budget = (ini: number, fin: number, metodologia = 'dipres-2022', extra: (d: any) => void = () => {}) =>
  variant((d) => {
    d.ficha.metodologia = metodologia;
    d.presupuesto.por_anio[2022] = { inicial: 1000, final: (1000 * 1000) / fin, ejecutado: (ini * 1000) / 100, extrapresupuestario: 'N/A' };
    d.presupuesto.por_anio[2022].final = ((ini * 1000) / 100 / fin) * 100;
    extra(d);
  });

describe('dipres-2022 reproduces the reference ficha', () => {
  it('produces every RESULTADOS sentence of the reference, in order', () => {
    expect(results(REFERENCE_YAML).map((r) => r.text)).toEqual([
      'El programa no presenta deficiencias evidentes en los criterios de focalización implementados durante el periodo 2022.',
      'Ejecución presupuestaria inicial 2022: El programa presentó una sobre ejecución respecto de su presupuesto inicial 2022 (más del 110% de su ejecución).',
      'Ejecución presupuestaria final 2022: El programa presentó una ejecución respecto a su presupuesto final 2022 dentro del rango esperado (90% y el 110%).',
      'Persistencia subejecución presupuestaria: Dado que no se reportó la información necesaria, no es posible evaluar la persistencia en la subejecución presupuestaria inicial 2022.',
      'Gasto por beneficiario: No es posible evaluar la variación del gasto por beneficiario 2022, dado a que no cuenta con información histórica.',
      'Gasto administrativo: No se advierten falencias metodológicas en la estimación del gasto administrativo.',
      'Respecto al indicador de propósito, el indicador es pertinente, dado que permite medir el propósito del programa.',
      'Complementariamente, no se advierten deficiencias metodológicas en la formulación y/o medición del indicador.',
      'El indicador de propósito aumentó, señalando un mejor desempeño del programa respecto a la ejecución del año anterior.',
    ]);
  });
});

describe('band edges of ejecución (dipres-2022: 90..110)', () => {
  it.each([
    [89.99, 'sub'],
    [90, 'rango'],
    [100, 'rango'],
    [110, 'rango'],
    [110.01, 'sobre'],
  ])('ejecución inicial %s -> %s', (v, outcome) => {
    expect(one(budget(v, 100), 'ejecucion_inicial').outcome).toBe(outcome);
  });
  it.each([
    [89.99, 'sub'],
    [90, 'rango'],
    [110, 'rango'],
    [110.01, 'sobre'],
  ])('ejecución final %s -> %s', (v, outcome) => {
    expect(one(budget(100, v), 'ejecucion_final').outcome).toBe(outcome);
  });
  it('a marker cannot be evaluated', () => {
    const text = variant((d) => (d.presupuesto.por_anio[2022].inicial = 'S/I'));
    const r = one(text, 'ejecucion_inicial');
    expect(r.outcome).toBe('sin_informacion');
    expect(r.text).toContain('no es posible evaluar');
  });
  it('a zero budget cannot be evaluated', () => {
    expect(one(variant((d) => (d.presupuesto.por_anio[2022].final = 0)), 'ejecucion_final').outcome).toBe('sin_informacion');
  });
});

describe('band edges of dipres-2025 (inicial 85..110, final 90..110)', () => {
  it.each([
    [84.99, 'sub'],
    [85, 'rango'],
    [110, 'rango'],
    [110.01, 'sobre'],
  ])('ejecución inicial %s -> %s', (v, outcome) => {
    expect(one(budget(v, 100, 'dipres-2025'), 'ejecucion_inicial').outcome).toBe(outcome);
  });
  it('uses the wording of the 2025 reports', () => {
    const text = variant((d) => {
      d.ficha.anio = 2025;
      d.ficha.metodologia = 'dipres-2025';
      shiftYears(d, 3);
      d.presupuesto.por_anio[2025] = { inicial: 1000, final: 1000, ejecutado: 800, extrapresupuestario: 'N/A' };
      d.presupuesto.por_anio[2024] = { inicial: 1000, final: 1000, ejecutado: 800, extrapresupuestario: 'N/A' };
      d.presupuesto.por_anio[2023] = { inicial: 1000, final: 1000, ejecutado: 840, extrapresupuestario: 'N/A' };
    });
    expect(full(one(text, 'ejecucion_inicial'))).toBe(
      'Ejecución presupuestaria: El programa presenta una subejecución presupuestaria (inferior al 85%) respecto de su presupuesto inicial en 2025.',
    );
    expect(one(text, 'ejecucion_final').text).toBe('El programa presenta una subejecución presupuestaria (inferior al 90%) respecto de su presupuesto final en 2025.');
    expect(one(text, 'persistencia_subejecucion').text).toBe(
      'El programa presenta persistencia de subejecución presupuestaria inicial en 2025, ya que ha ejecutado menos del 85% de su presupuesto inicial anual durante tres años consecutivos.',
    );
  });
});

/** Moves every year map of the parsed reference `by` years forward. */
function shiftYears(d: any, by: number) {
  const shift = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [Number(k) + by, v]));
  d.ficha.moneda.inflactores = shift(d.ficha.moneda.inflactores);
  d.poblacion.por_anio = shift(d.poblacion.por_anio);
  d.presupuesto.por_anio = shift(d.presupuesto.por_anio);
  d.gasto_administrativo = shift(d.gasto_administrativo);
  for (const c of d.componentes) c.por_anio = shift(c.por_anio);
  for (const i of d.indicadores) i.valores = shift(i.valores);
}

describe('persistencia de subejecución', () => {
  const years = (a: number, b: number, c: number, metodologia = 'dipres-2022') =>
    variant((d) => {
      d.ficha.metodologia = metodologia;
      d.presupuesto.por_anio = {
        2020: { inicial: 100, final: 100, ejecutado: a, extrapresupuestario: 'N/A' },
        2021: { inicial: 100, final: 100, ejecutado: b, extrapresupuestario: 'N/A' },
        2022: { inicial: 100, final: 100, ejecutado: c, extrapresupuestario: 'N/A' },
      };
    });
  it('persists when all three years are below the threshold', () => expect(one(years(89, 80, 89.99), 'persistencia_subejecucion').outcome).toBe('persiste'));
  it('does not persist when one year reaches the threshold exactly', () => expect(one(years(89, 90, 80), 'persistencia_subejecucion').outcome).toBe('no_persiste'));
  it('cannot be evaluated when a year is a marker', () => {
    const text = variant((d) => (d.presupuesto.por_anio[2021].ejecutado = 'S/I'));
    expect(one(text, 'persistencia_subejecucion').outcome).toBe('sin_informacion');
  });
  it('uses 85% under dipres-2025', () => {
    expect(byRule(years(84, 84, 84.99, 'dipres-2025'), 'persistencia_subejecucion')[0]?.outcome).toBe('persiste');
    expect(byRule(years(84, 85, 84, 'dipres-2025'), 'persistencia_subejecucion')).toHaveLength(0); // no sentence when it does not persist
  });
});

describe('gasto por beneficiario (variation against the mean of t-1 and t-2, max 20%)', () => {
  // gpb t-2 = t-1 = 100; gpb t = 100 + v
  const gpb = (v: number, metodologia = 'dipres-2022') =>
    variant((d) => {
      d.ficha.metodologia = metodologia;
      d.poblacion.por_anio = { 2020: { objetivo: 10, beneficiaria: 1 }, 2021: { objetivo: 10, beneficiaria: 1 }, 2022: { objetivo: 10, beneficiaria: 1 } };
      d.componentes[0].por_anio = { 2020: { gasto: 100, produccion: 1 }, 2021: { gasto: 100, produccion: 1 }, 2022: { gasto: 100 + v, produccion: 1 } };
      d.gasto_administrativo = { 2020: 0, 2021: 0, 2022: 0 };
    });
  it.each([
    [20, 'dentro'],
    [-20, 'dentro'],
    [20.01, 'fuera'],
    [-20.01, 'fuera'],
    [0, 'dentro'],
  ])('a variation of %s -> %s', (v, outcome) => expect(one(gpb(v), 'gasto_por_beneficiario').outcome).toBe(outcome));
  it('cannot be evaluated without t-2', () => {
    expect(one(REFERENCE_YAML, 'gasto_por_beneficiario').outcome).toBe('sin_informacion');
  });
  it('cannot be evaluated with zero beneficiaries in a year', () => {
    const text = variant((d) => (d.poblacion.por_anio[2021].beneficiaria = 0));
    expect(one(text, 'gasto_por_beneficiario').outcome).toBe('sin_informacion');
  });
  it('has the 2025 wording', () => {
    expect(full(one(gpb(30, 'dipres-2025'), 'gasto_por_beneficiario'))).toBe(
      'Gasto por beneficiario: El programa presenta un gasto por beneficiario fuera del rango esperado (variación mayor al 20%) durante 2022, en relación con el promedio de los dos años anteriores (2020 y 2021).',
    );
  });
});

describe('every cannot-evaluate path of dipres-2025', () => {
  const t2025 = (change: (d: any) => void) => variant((d) => ((d.ficha.metodologia = 'dipres-2025'), change(d)));
  it('ejecución inicial and final', () => {
    const text = t2025((d) => ((d.presupuesto.por_anio[2022].inicial = 'S/I'), (d.presupuesto.por_anio[2022].final = 'N/A')));
    expect(full(one(text, 'ejecucion_inicial'))).toBe('Ejecución presupuestaria: No es posible evaluar la ejecución respecto del presupuesto inicial, debido a que no se reporta la información necesaria en 2022.');
    expect(one(text, 'ejecucion_final').outcome).toBe('sin_informacion');
  });
  it('persistencia, gasto por beneficiario and the indicators', () => {
    const text = t2025((d) => (d.indicadores[0].valores = { 2021: 'S/I', 2022: 70 }));
    expect(one(text, 'persistencia_subejecucion').outcome).toBe('sin_informacion');
    expect(full(one(text, 'gasto_por_beneficiario'))).toBe('Gasto por beneficiario: No es posible evaluar la variación del gasto por beneficiario en 2022, dado que no se cuenta con información de los dos años anteriores (2020 y 2021).');
    expect(full(one(text, 'resultado_indicador'))).toBe('Indicador de propósito 1: No es posible evaluar la variación del indicador de propósito, debido a que no se reportan los valores en 2022.');
  });
  it('the administrative share adds nothing when it cannot be computed', () => {
    expect(byRule(t2025((d) => (d.gasto_administrativo[2022] = 'S/I')), 'gasto_administrativo_porcentaje')).toHaveLength(0);
  });
  it('a dimension with no result says it has no findings', () => {
    const text = t2025((d) => {
      d.analisis.eficacia.pertinencia_indicador = 'pertinente';
      d.analisis.eficacia.calidad_indicador = 'sin_deficiencias';
      d.analisis.eficacia.omitir = ['resultado_indicador'];
    });
    const eficacia = judged(text).find((x) => x.id === 'eficacia')!;
    expect(eficacia.resultados).toEqual([]);
    expect(eficacia.sin_hallazgos).toBe('Sin hallazgos en la dimensión de Eficacia.');
  });
});

describe('administrative share under dipres-2025 (flagged above 20%)', () => {
  const share = (adm: number) =>
    variant((d) => {
      d.ficha.metodologia = 'dipres-2025';
      d.componentes[0].por_anio[2022].gasto = 100 - adm;
      d.gasto_administrativo[2022] = adm;
    });
  it('is silent at exactly 20%', () => expect(byRule(share(20), 'gasto_administrativo_porcentaje')).toHaveLength(0));
  it('flags 20.5%', () => expect(one(share(20.5), 'gasto_administrativo_porcentaje').text).toContain('20,5%'));
});

describe('indicators', () => {
  const ind = (t1: number | string, t: number | string, lectura = 'ascendente', metodologia = 'dipres-2022') =>
    variant((d) => {
      d.ficha.metodologia = metodologia;
      d.indicadores[0].valores = { 2021: t1, 2022: t };
      d.indicadores[0].lectura = lectura;
    });
  it.each([
    [70, 76, 'ascendente', 'mejor'],
    [76, 70, 'ascendente', 'peor'],
    [70, 76, 'descendente', 'peor'],
    [76, 70, 'descendente', 'mejor'],
    [70, 70, 'ascendente', 'igual'],
    ['S/I', 70, 'ascendente', 'sin_informacion'],
    [70, 'N/A', 'ascendente', 'sin_informacion'],
  ])('%s -> %s read %s is %s', (a, b, lectura, outcome) => expect(one(ind(a, b, lectura), 'resultado_indicador').outcome).toBe(outcome));
  it('judges each propósito indicator on its own under dipres-2025', () => {
    const text = variant((d) => {
      d.ficha.metodologia = 'dipres-2025';
      d.indicadores.push({ ...d.indicadores[0], nombre: 'Segundo', valores: { 2021: 80, 2022: 70 } });
    });
    const r = byRule(text, 'resultado_indicador');
    expect(r.map(full)).toEqual([
      'Indicador de propósito 1: El resultado del indicador de propósito aumentó (lectura ascendente), indicando un mejor desempeño del programa en 2022 respecto de 2021.',
      'Indicador de propósito 2: El resultado del indicador de propósito disminuyó (lectura ascendente), indicando un menor desempeño del programa en 2022 respecto de 2021.',
    ]);
  });
});

describe('analisis categories and omitir', () => {
  it('prints the text given instead of a category', () => {
    const text = variant((d) => (d.analisis.eficiencia.gasto_administrativo = { texto: 'Se observa una estimación parcial.' }));
    expect(one(text, 'gasto_administrativo').text).toBe('Gasto administrativo: Se observa una estimación parcial.');
  });
  it('suppresses an omitted result', () => {
    const text = variant((d) => (d.analisis.eficiencia.omitir = ['ejecucion_inicial']));
    expect(byRule(text, 'ejecucion_inicial')).toHaveLength(0);
    expect(byRule(text, 'ejecucion_final')).toHaveLength(1);
  });
  it.each(['con_deficiencias', 'universal', 'sin_informacion'])('focalización %s has its sentence', (c) => {
    const text = variant((d) => (d.analisis.focalizacion.criterios = c));
    expect(one(text, 'focalizacion').outcome).toBe(c);
  });
});

describe('keys a rule set does not judge', () => {
  it('priorización under dipres-2022 is a warning at its line, and changes nothing', async () => {
    const { runStages } = await import('../../src/pipeline/pipeline.js');
    const text = variant((d) => {
      d.analisis.focalizacion.priorizacion = 'con_deficiencias';
      d.analisis.eficiencia.justificacion_gasto_por_beneficiario = 'pertinente';
    });
    const staged = runStages('p.yaml', text);
    const warnings = staged.diagnostics.filter((d) => d.code === 'clave-no-usada');
    expect(warnings.map((w) => [w.severity, w.path])).toEqual([
      ['warning', 'analisis.focalizacion.priorizacion'],
      ['warning', 'analisis.eficiencia.justificacion_gasto_por_beneficiario'],
    ]);
    const line = text.split('\n').findIndex((l) => l.includes('priorizacion:')) + 1;
    expect(warnings[0]!.line).toBe(line);
    expect(results(text).map((r) => r.text)).toEqual(results(REFERENCE_YAML).map((r) => r.text));
  });
  it('is no warning under dipres-2025', async () => {
    const { runStages } = await import('../../src/pipeline/pipeline.js');
    const text = variant((d) => ((d.ficha.metodologia = 'dipres-2025'), (d.analisis.focalizacion.priorizacion = 'universal')));
    expect(runStages('p.yaml', text).diagnostics.filter((d) => d.code === 'clave-no-usada')).toEqual([]);
  });
});
