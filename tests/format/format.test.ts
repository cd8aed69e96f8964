import { describe, expect, it } from 'vitest';
import { money, num, pct, trimmed } from '../../src/format/format.js';

describe('es-CL printing', () => {
  it('groups thousands with a dot and marks decimals with a comma', () => {
    expect(money(5317)).toBe('5.317');
    expect(num(2300.2, 1)).toBe('2.300,2');
    expect(pct(4.5, 1)).toBe('4,5%');
  });
  it('rounds half away from zero at print time only', () => {
    expect(money(377120.5)).toBe('377.121');
    expect(money(297260.8)).toBe('297.261');
    expect(num(2.675, 2)).toBe('2,68');
    expect(num(1.005, 2)).toBe('1,01');
    expect(num(-2.5, 0)).toBe('-3');
    expect(pct(174.99, 0)).toBe('175%');
  });
  it('never prints a negative zero', () => {
    expect(num(-0.04, 1)).toBe('0,0');
  });
  it('prints markers as themselves', () => {
    expect(num('N/A', 1)).toBe('N/A');
    expect(pct('S/I', 0)).toBe('S/I');
    expect(money('N/A')).toBe('N/A');
  });
  it('prints inflactores with up to four decimals, trailing zeros dropped', () => {
    expect(trimmed(1.063)).toBe('1,063');
    expect(trimmed(1.1837)).toBe('1,1837');
    expect(trimmed(1.5)).toBe('1,5');
    expect(trimmed(2)).toBe('2');
  });
});
