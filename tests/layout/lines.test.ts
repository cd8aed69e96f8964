import { describe, expect, it } from 'vitest';
import { breakLines, titleLines } from '../../src/layout/lines.js';

/** Each character one point wide: line breaks are counted in characters. */
const m = { width: (s: string) => [...s].length };
const texts = (text: string, width: number, bold = true) => breakLines([{ text, bold }], width, 1, m).map((l) => l.segments.map((s) => s.text).join(''));

describe('breakLines', () => {
  it('never leaves a note mark alone at the start of a line', () => {
    expect(texts('Ejecución presupuestaria inicial *', 32)).toEqual(['Ejecución presupuestaria', 'inicial *']);
    expect(texts('Ejecución presupuestaria final **', 31)).toEqual(['Ejecución presupuestaria', 'final **']);
    expect(texts('Ejecución presupuestaria inicial *', 40)).toEqual(['Ejecución presupuestaria inicial *']);
  });
  it('breaks a word wider than the column between characters, so nothing runs past it', () => {
    expect(texts('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

describe('titleLines', () => {
  it('keeps the size on two lines, and goes smaller (never cut) past two', () => {
    expect(titleLines('uno dos tres', 8, 1, m)).toMatchObject({ size: 1 });
    expect(titleLines('uno dos tres', 8, 1, m).lines).toHaveLength(2);
    const long = titleLines('Indicador de propósito 1: Porcentaje de beneficiarios que se mantienen empleados', 30, 1, m);
    expect(long.size).toBe(0.875);
    expect(long.lines.map((l) => l.segments.map((s) => s.text).join('')).join(' ')).toBe('Indicador de propósito 1: Porcentaje de beneficiarios que se mantienen empleados');
  });
});
