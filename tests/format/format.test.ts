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
  it('prints every number as Intl.NumberFormat es-CL does (the formatter it replaces), exponents included', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [0, -0, 0.5, 1.5, 2.5, 9.995, 99.95, 999.5, 9999.5, 0.0005, 0.00049, 1e-7, -1e-7, 1e20, 1.2345678901234567e20, 1e21, -4.4e22, 123456789.987654, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 4000; i++) {
      const magnitude = 10 ** Math.floor(random() * 16 - 6);
      const v = (random() - 0.3) * magnitude;
      // Decimal-looking values (amounts and percentages with a few decimals), and any double.
      values.push(v, Math.round(v * 1000) / 1000, Math.round(v * 100 + 0.5) / 100 - 0.005);
    }
    const intl = (min: number, max: number) => new Intl.NumberFormat('es-CL', { minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: 'negative' });
    const fixed = [0, 1, 2, 3].map((d) => intl(d, d));
    const upTo4 = intl(0, 4);
    for (const v of values) {
      for (const d of [0, 1, 2, 3]) expect(num(v, d), `${v} with ${d}`).toBe(fixed[d]!.format(v));
      expect(trimmed(v), String(v)).toBe(upTo4.format(v));
    }
  });
});
