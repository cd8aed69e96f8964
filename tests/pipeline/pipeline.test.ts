import { describe, expect, it } from 'vitest';
import { renderFicha, runStages, validEpoch } from '../../src/pipeline/pipeline.js';
import { readPdf } from '../pdfRead.js';
import { REFERENCE_YAML } from '../helpers.js';

describe('runStages', () => {
  it('runs every stage of a valid input, up to the layout', () => {
    const s = runStages('r.yaml', REFERENCE_YAML);
    expect(s.diagnostics).toEqual([]);
    expect(s.input && s.ficha && s.view && s.layout && s.charts).toBeTruthy();
  });
  it('stops at the first stage with errors: a YAML error yields no input, a schema error no figures', () => {
    const yaml = runStages('r.yaml', 'a: [1\n');
    expect(yaml.diagnostics.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(yaml.input).toBeUndefined();
    const schema = runStages('r.yaml', REFERENCE_YAML.replace('anio: 2022', 'anio: dos mil'));
    expect(schema.input).toBeUndefined();
    expect(schema.ficha).toBeUndefined();
  });
  it('with layout: false stops after the view (what validate and the editor need)', () => {
    const s = runStages('r.yaml', REFERENCE_YAML, { layout: false });
    expect(s.view).toBeDefined();
    expect(s.layout).toBeUndefined();
  });
  it('sorts the diagnostics by line, whatever stage found them', () => {
    const text = REFERENCE_YAML.replace('criterios: sin_deficiencias', 'criterios: sin_deficiencia').replace('anio_inicio: 2009', 'anio_inicio: dos');
    const lines = runStages('r.yaml', text).diagnostics.map((d) => d.line!);
    expect(lines.length).toBe(2);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });
  it('--strict turns the warnings into errors and stops before the view', () => {
    const text = REFERENCE_YAML.replace('beneficiaria: 227', 'beneficiaria: 6000');
    expect(runStages('r.yaml', text).view).toBeDefined();
    const strict = runStages('r.yaml', text, { strict: true });
    expect(strict.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(strict.view).toBeUndefined();
  });
});

describe('renderFicha', () => {
  it('dates the PDF from --date, else ficha.fecha, else 31 December of the year; never the clock', async () => {
    const dateOf = async (text: string, date?: Date) => (await readPdf((await renderFicha('r.yaml', text, { charts: false, date })).pdf!)).info.CreationDate;
    const saved = process.env.SOURCE_DATE_EPOCH;
    delete process.env.SOURCE_DATE_EPOCH;
    try {
      expect(String(await dateOf(REFERENCE_YAML))).toMatch(/^D:20221231/);
      expect(String(await dateOf(REFERENCE_YAML.replace(/^ {2}anio: 2022/m, '  anio: 2022\n  fecha: 2023-05-31')))).toMatch(/^D:20230531/);
      expect(String(await dateOf(REFERENCE_YAML, new Date('2024-02-29T12:00:00Z')))).toMatch(/^D:20240229/);
    } finally {
      if (saved !== undefined) process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
  it('accepts SOURCE_DATE_EPOCH only as whole seconds up to the year 9999', () => {
    expect(validEpoch('1735689600')).toBe(true);
    expect(['-1', '1.5', '253402300800', 'abc', ''].map(validEpoch)).toEqual([false, false, false, false, false]);
  });
});
