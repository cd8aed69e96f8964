import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { meantDate, meantNumber } from '../../src/load/chileanNumbers.js';
import { runStages } from '../../src/pipeline/stages.js';
import { REFERENCE_YAML } from '../helpers.js';

/**
 * Figures as Chilean analysts type them. Each case is the reference
 * input with one line changed as an analyst would; each test asserts the severity, the line and
 * column of the value, and the suggested value.
 */
const LINES = REFERENCE_YAML.split('\n');

/** The reference input with `from` replaced by `to` on the line that holds it; returns the text and that line (1-based). */
function typed(from: string | RegExp, to: string): { text: string; line: number } {
  const i = LINES.findIndex((l) => (typeof from === 'string' ? l.includes(from) : from.test(l)));
  if (i < 0) throw new Error(`no line has ${String(from)}`);
  const lines = [...LINES];
  lines[i] = lines[i]!.replace(from, to);
  return { text: lines.join('\n'), line: i + 1 };
}

/** The column (1-based) where `needle` starts on line `line` of `text`. */
const columnOf = (text: string, line: number, needle: string) => text.split('\n')[line - 1]!.indexOf(needle) + 1;

function diagnostics(text: string, strict = false): Diagnostic[] {
  return runStages('f.yaml', text, { layout: false, strict }).diagnostics;
}

function only(list: Diagnostic[], code: string): Diagnostic {
  const found = list.filter((d) => d.code === code);
  expect(found, JSON.stringify(list, null, 1)).toHaveLength(1);
  return found[0]!;
}

describe('a figure typed the Chilean way gets the value that was meant, at the value', () => {
  it('inicial: 298.370 (a thousands dot in an amount) is a warning that suggests 298370, an error under --strict', () => {
    const { text, line } = typed('inicial: 298370', 'inicial: 298.370');
    const d = only(diagnostics(text), 'thousands-separator');
    expect(d).toMatchObject({ severity: 'warning', line, column: columnOf(text, line, '298.370'), suggestion: '298370', path: 'presupuesto.por_anio.2022.inicial' });
    expect(d.message).toContain('298,37');
    expect(d.message).toContain('¿quiso decir 298370?');
    expect(only(diagnostics(text, true), 'thousands-separator').severity).toBe('error');
  });

  it('final: 5.221.470 is an error with «¿quiso decir 5221470?», and no second complaint about its type', () => {
    const { text, line } = typed('final: 522147', 'final: 5.221.470');
    const list = diagnostics(text);
    const d = only(list, 'number-format');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, '5.221.470'), suggestion: '5221470' });
    expect(d.message).toContain('¿quiso decir 5221470?');
    expect(list.filter((x) => x.code === 'invalid-value')).toEqual([]);
  });

  it('a count written 5.044 cannot be a decimal: an error that suggests 5044', () => {
    const { text, line } = typed('objetivo: 5044', 'objetivo: 5.044');
    const d = only(diagnostics(text), 'number-format');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, '5.044'), suggestion: '5044' });
  });

  it('2022: 76% in valores suggests 76', () => {
    const { text, line } = typed('2022: 76.0 }', '2022: 76% }');
    const d = only(diagnostics(text), 'number-format');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, '76%'), suggestion: '76', path: 'indicadores[0].valores.2022' });
    expect(d.message).toContain('sin el signo %');
  });

  it('2021: 73,0 in a flow map is one error at 73,0 that suggests 73.0 and explains the comma, not a stray key', () => {
    const { text, line } = typed('2021: 73.0,', '2021: 73,0,');
    const list = diagnostics(text);
    const d = only(list, 'number-format');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, '73,0'), suggestion: '73.0' });
    expect(d.message).toContain('la coma separa los elementos');
    expect(list.filter((x) => x.severity === 'error')).toHaveLength(1);
  });

  it('two decimal commas in one flow map (a duplicate stray key to YAML) are two such errors and nothing else', () => {
    const { text, line } = typed('{ 2020: N/A, 2021: 73.0, 2022: 76.0 }', '{ 2020: N/A, 2021: 73,5, 2022: 76,5 }');
    const list = diagnostics(text);
    expect(list.map((d) => [d.code, d.line, d.column, d.suggestion])).toEqual([
      ['number-format', line, columnOf(text, line, '73,5'), '73.5'],
      ['number-format', line, columnOf(text, line, '76,5'), '76.5'],
    ]);
  });

  it('73,0 in block style (a text to YAML) also suggests 73.0', () => {
    const text = REFERENCE_YAML.replace('valores: { 2020: N/A, 2021: 73.0, 2022: 76.0 }', 'valores:\n      2020: N/A\n      2021: 73,0\n      2022: 76.0');
    const line = text.split('\n').findIndex((l) => l.includes('2021: 73,0')) + 1;
    const d = only(diagnostics(text), 'number-format');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, '73,0'), suggestion: '73.0' });
    expect(d.message).toContain('decimales se marcan con punto');
  });

  it('fecha: 15/03/2026 suggests 2026-03-15', () => {
    const { text, line } = typed(/^ {2}anio: 2022.*$/, '  anio: 2022\n  fecha: 15/03/2026');
    const d = only(diagnostics(text), 'date-format');
    expect(d).toMatchObject({ severity: 'error', line: line + 1, column: 10, suggestion: '2026-03-15', path: 'ficha.fecha' });
    expect(d.message).not.toMatch(/pattern|Invalid/);
  });

  it('criterios: sin_deficiencia suggests the nearest catalog value, sin_deficiencias', () => {
    const { text, line } = typed('criterios: sin_deficiencias', 'criterios: sin_deficiencia');
    const d = only(diagnostics(text), 'invalid-value');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, 'sin_deficiencia'), suggestion: 'sin_deficiencias' });
    expect(d.message).toContain('¿quiso decir «sin_deficiencias»?');
  });

  it('ods: [8, 18] says, in Spanish, that the ODS go from 1 to 17, at the 18', () => {
    const { text, line } = typed('ods: [8]', 'ods: [8, 18]');
    const d = only(diagnostics(text), 'invalid-value');
    expect(d).toMatchObject({ severity: 'error', line, column: columnOf(text, line, '18') });
    expect(d.message).toContain('un número de ODS entre 1 y 17');
    expect(d.message).not.toMatch(/Too big|expected/);
  });

  it('a key indented one space too far is one «sangría» error at that key, naming the column it belongs to', () => {
    const { text, line } = typed(/^ {2}servicio:/, '   servicio:');
    const list = diagnostics(text);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ code: 'yaml-indent', severity: 'error', line, column: 4 });
    expect(list[0]!.message).toContain('sangría');
    expect(list[0]!.message).toContain('columna 3');
    expect(list[0]!.message).toContain('«nombre»');
  });

  it('a key indented one space too little is found too', () => {
    const { text, line } = typed(/^ {2}subtitulos:/, ' subtitulos:');
    const list = diagnostics(text);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ code: 'yaml-indent', line, column: 2 });
    expect(list[0]!.message).toContain('le falta 1 espacio');
  });

  it('a text with «: » on its second line is not taken for a misplaced key', () => {
    const { text } = typed(/^ {2}nombre: .*$/, '  nombre: Redes de Oportunidades\n    de Negocios: una red');
    const list = diagnostics(text);
    expect(list.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(list[0]!.message).toContain('entre comillas');
  });
});

describe('plausibility and contradictions: warnings naming the figures compared, errors under --strict', () => {
  it('inicial: 298 (three digits forgotten) is ejecucion-inusual at the initial budget, naming ejecutado and inicial', () => {
    const { text, line } = typed('inicial: 298370', 'inicial: 298');
    const d = only(diagnostics(text), 'ejecucion-inusual');
    expect(d).toMatchObject({ severity: 'warning', line, column: columnOf(text, line, '298,') });
    expect(d.message).toContain('175.217%');
    expect(d.message).toContain('presupuesto ejecutado 522.147');
    expect(d.message).toContain('presupuesto inicial 298');
    expect(only(diagnostics(text, true), 'ejecucion-inusual').severity).toBe('error');
  });

  it('the final budget is checked too: 522147 executed of a final 150000 is 348%', () => {
    const { text, line } = typed('final: 522147', 'final: 150000');
    const d = only(diagnostics(text), 'ejecucion-inusual');
    expect(d).toMatchObject({ line, column: columnOf(text, line, '150000') });
    expect(d.message).toContain('la ejecución presupuestaria final 2022 es 348%');
  });

  it('cobertura above 100% warns, naming both populations', () => {
    const { text, line } = typed('beneficiaria: 227', 'beneficiaria: 6000');
    const d = only(diagnostics(text), 'beneficiaria-mayor-que-objetivo');
    expect(d).toMatchObject({ severity: 'warning', line, column: columnOf(text, line, '6000') });
    expect(d.message).toContain('la cobertura 2022 es 119%');
    expect(d.message).toContain('población beneficiaria 6.000 / población objetivo 5.044');
  });

  it('gasto por beneficiario multiplied by more than ten in a year warns, naming both years', () => {
    const { text, line } = typed('beneficiaria: 227', 'beneficiaria: 12');
    const d = only(diagnostics(text), 'gasto-por-beneficiario-inusual');
    expect(d).toMatchObject({ severity: 'warning', line, column: columnOf(text, line, '12') });
    expect(d.message).toMatch(/pasa de [\d.,]+ en 2021 a 43\.512,3 en 2022/);
  });

  it('gasto_administrativo: sin_informacion with the amount filled in warns, naming the amount and its share', () => {
    const { text, line } = typed('gasto_administrativo: sin_falencias', 'gasto_administrativo: sin_informacion');
    const d = only(diagnostics(text), 'veredicto-sin-informacion');
    expect(d).toMatchObject({ severity: 'warning', line, column: columnOf(text, line, 'sin_informacion'), path: 'analisis.eficiencia.gasto_administrativo' });
    expect(d.message).toContain('el gasto administrativo 2022 es 58.896 (11,3% del gasto total)');
  });

  it('the reverse: a verdict on the administrative spending when it is S/I', () => {
    const text = REFERENCE_YAML.replace(/(gasto_administrativo:\n(?: {2}\d{4}: .*\n)*? {2}2022: )[\d.]+/, '$1S/I');
    expect(text).not.toBe(REFERENCE_YAML);
    const d = only(diagnostics(text), 'veredicto-sin-cifras');
    expect(d.message).toContain('sin_falencias evalúa el gasto administrativo, pero el gasto administrativo 2022 es S/I');
  });

  it('calidad_indicador: no_reportado beside a reported value warns', () => {
    const text = REFERENCE_YAML.replace(/calidad_indicador: \w+/, 'calidad_indicador: no_reportado');
    const d = only(diagnostics(text), 'veredicto-sin-informacion');
    expect(d.message).toContain('el indicador de propósito 1 2022 es 76');
  });

  it('ficha.omitir_avisos silences a checked warning (also under --strict); a misspelt code is an error with a suggestion', () => {
    const { text } = typed('inicial: 298370', 'inicial: 298');
    const silenced = text.replace(/^ {2}anio: 2022/m, '  anio: 2022\n  omitir_avisos: [ejecucion-inusual]');
    expect(diagnostics(silenced, true).filter((d) => d.code === 'ejecucion-inusual')).toEqual([]);
    const misspelt = text.replace(/^ {2}anio: 2022/m, '  anio: 2022\n  omitir_avisos: [ejecucion-inusal]');
    const d = only(diagnostics(misspelt), 'unknown-warning-code');
    expect(d).toMatchObject({ severity: 'error', line: 9, column: 19 });
    expect(d.message).toContain('¿quiso decir «ejecucion-inusual»?');
    const anError = text.replace(/^ {2}anio: 2022/m, '  anio: 2022\n  omitir_avisos: [missing-key]');
    expect(only(diagnostics(anError), 'unknown-warning-code').message).toContain('es un error, no una advertencia');
  });

  it('the reference input raises none of them', () => {
    expect(diagnostics(REFERENCE_YAML)).toEqual([]);
  });
});

describe('what a person meant by a figure or a date', () => {
  it.each([
    ['5.221.470', '5221470'],
    ['298.370', '298370'],
    ['73,0', '73.0'],
    ['1.234,5', '1234.5'],
    ['76%', '76'],
    ['76,5 %', '76.5'],
    ['$ 1.200', '1200'],
    ['M$ 522.147', '522147'],
    ['5 221 470', '5221470'],
    ['5,221,470', '5221470'],
    ['1_000', '1000'],
    ['-3,5', '-3.5'],
  ])('%s -> %s', (typedText, meant) => {
    expect(meantNumber(typedText)?.text).toBe(meant);
  });
  it.each(['S/I', 'abc', '12.34.5', '1,2,3', '', '%'])('%s is not a number written another way', (t) => {
    expect(meantNumber(t)).toBeUndefined();
  });
  it.each([
    ['15/03/2026', '2026-03-15'],
    ['5-3-2026', '2026-03-05'],
    ['15.03.2026', '2026-03-15'],
    ['2026/03/15', '2026-03-15'],
  ])('%s -> %s', (t, meant) => expect(meantDate(t)).toBe(meant));
  it.each(['31/02/2026', '2026-03-15', 'mañana'])('%s has no suggestion', (t) => expect(meantDate(t)).toBeUndefined());
});
