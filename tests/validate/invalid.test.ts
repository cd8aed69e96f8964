import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/report.js';
import { runStages } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';

/** The reference input with one exact piece of text replaced (it must occur exactly once). */
function edit(from: string, to: string): string {
  expect(REFERENCE_YAML.split(from)).toHaveLength(2);
  return REFERENCE_YAML.replace(from, to);
}

/** 1-based line and column where `needle` starts in `text`. */
function where(text: string, needle: string, nth = 0): { line: number; column: number } {
  let idx = -1;
  for (let k = 0; k <= nth; k++) idx = text.indexOf(needle, idx + 1);
  expect(idx).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, idx).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const diagnose = (text: string) => runStages('programa.yaml', text).diagnostics.filter((d) => d.severity === 'error');

interface Case {
  name: string;
  from: string;
  to: string;
  code: string;
  /** Text whose position the diagnostic must point at. */
  at: string;
  path?: string;
  message?: RegExp;
}

const cases: Case[] = [
  { name: 'unknown key (typo)', from: '2022: { objetivo: 5044, beneficiaria: 227 }', to: '2022: { objetivo: 5044, beneficiarias: 227 }', code: 'unknown-key', at: 'beneficiarias', path: 'poblacion.por_anio.2022.beneficiarias', message: /beneficiaria/ },
  { name: 'text where an amount goes', from: 'inicial: 298370,', to: 'inicial: mucho,', code: 'invalid-value', at: 'mucho', path: 'presupuesto.por_anio.2022.inicial', message: /se esperaba un monto.*se encontró el texto «mucho»/ },
  { name: 'negative amount', from: 'inicial: 298370,', to: 'inicial: -5,', code: 'invalid-value', at: '-5', message: /número -5/ },
  { name: 'fractional count', from: 'objetivo: 5044,', to: 'objetivo: 50.5,', code: 'invalid-value', at: '50.5', message: /entero/ },
  { name: 'year outside the ficha period', from: '    2020: { objetivo: 5000, beneficiaria: 0 }', to: '    2019: { objetivo: 5000, beneficiaria: 0 }', code: 'year-out-of-range', at: '2019:', message: /entre 2020 y 2022/ },
  { name: 'unknown region', from: 'region: Maule,', to: 'region: Maulee,', code: 'unknown-region', at: 'Maulee', message: /¿quiso decir «Maule»\?/ },
  { name: 'bad enum value', from: 'unidad: porcentaje', to: 'unidad: porciento', code: 'invalid-value', at: 'porciento', message: /porcentaje o numero/ },
  { name: 'ODS out of 1..17', from: 'ods: [8]', to: 'ods: [18]', code: 'invalid-value', at: '18]', path: 'otros_atributos.ods[0]' },
  { name: 'unknown criterio', from: 'criterios: sin_deficiencias', to: 'criterios: buenos', code: 'invalid-value', at: 'buenos' },
  { name: 'bad programa.id', from: 'id: redes-oportunidades-negocios', to: 'id: Redes Oportunidades', code: 'invalid-value', at: 'Redes Oportunidades' },
  { name: 'narrative naming an unknown figure', from: '({{pct cobertura.t 1}})', to: '({{pct covertura.t 1}})', code: 'narrative-unknown-name', at: '{{pct covertura.t 1}}', message: /covertura/ },
  { name: 'narrative with an unknown helper', from: '({{pct cobertura.t 1}})', to: '({{porcentaje cobertura.t 1}})', code: 'narrative-unknown-helper', at: 'porcentaje cobertura', message: /porcentaje/ },
  { name: 'duplicate key', from: '  servicio: Servicio de Cooperación Técnica\n', to: '  servicio: Servicio de Cooperación Técnica\n  servicio: Otro\n', code: 'duplicate-key', at: 'servicio: Otro' },
  { name: 'YAML syntax error', from: 'ods: [8]', to: 'ods: [8', code: 'yaml-syntax', at: '[8 ', message: /no se cierra/ },
  { name: 'unknown metodologia', from: 'metodologia: dipres-2022', to: 'metodologia: dipres-1999', code: 'unknown-ruleset', at: 'dipres-1999' },
  { name: 'lectura misspelt', from: 'lectura: ascendente', to: 'lectura: ascendiente', code: 'invalid-value', at: 'ascendiente' },
];

describe('invalid inputs give a diagnostic at the right line and column', () => {
  it.each(cases)('$name', (c) => {
    const text = edit(c.from, c.to);
    const errors = diagnose(text);
    const d = errors.find((e) => e.code === c.code);
    expect(d, JSON.stringify(errors, null, 1)).toBeDefined();
    const pos = where(text, c.at);
    expect({ line: d!.line, column: d!.column }).toEqual(pos);
    if (c.path) expect(d!.path).toBe(c.path);
    if (c.message) expect(d!.message).toMatch(c.message);
    expect(d!.file).toBe('programa.yaml');
  });

  it('reports a missing required key at its map, naming the key', () => {
    const text = REFERENCE_YAML.replace(/^  nombre: Redes de Oportunidades de Negocios\n/m, '');
    const d = diagnose(text).find((e) => e.code === 'missing-key');
    expect(d?.message).toMatch(/falta la clave obligatoria «nombre»/);
    expect(d?.path).toBe('programa.nombre');
    expect(d?.line).toBe(where(text, 'id: redes').line);
  });

  it('reports every problem of a file at once, schema and cross-field alike', () => {
    const text = REFERENCE_YAML.replace('inicial: 298370,', 'inicial: mucho,')
      .replace('unidad: porcentaje', 'unidad: porciento')
      .replace('ods: [8]', 'ods: [18]')
      .replace('region: Maule,', 'region: Maulee,')
      .replace('    2020: { objetivo: 5000, beneficiaria: 0 }', '    2019: { objetivo: 5000, beneficiaria: 0 }');
    expect(diagnose(text).map((d) => d.code).sort()).toEqual(['invalid-value', 'invalid-value', 'invalid-value', 'unknown-region', 'year-out-of-range']);
  });

  it('accepts markers typed in lower case', () => {
    expect(diagnose(REFERENCE_YAML.replace('inicial: 298370,', 'inicial: s/i,').replace('    2020: N/A\n', '    2020: n/a\n'))).toEqual([]);
  });

  it('requires at least one propósito indicator', () => {
    const text = REFERENCE_YAML.replace('tipo: proposito', 'tipo: complementario');
    expect(diagnose(text).map((d) => d.code)).toContain('no-proposito-indicator');
  });

  it('prints file:line:col, severity, message and code, with a source excerpt', () => {
    const text = edit('inicial: 298370,', 'inicial: mucho,');
    const d = diagnose(text).find((e) => e.code === 'invalid-value')!;
    const printed = formatDiagnostic(d, text);
    const pos = where(text, 'mucho');
    expect(printed.split('\n')[0]).toMatch(new RegExp(`^programa\\.yaml:${pos.line}:${pos.column} error se esperaba .* \\[invalid-value\\]$`));
    expect(printed).toContain('en: presupuesto.por_anio.2022.inicial');
    expect(printed).toContain('inicial: mucho');
    expect(printed).toMatch(/\^$/);
  });
});
